// A wide table in a box that scrolls sideways on narrow screens (the page itself never does): a named
// region (a labelled section), reachable with Tab so keyboard users can scroll it too.
import type { ComponentChildren } from "preact";

/** Props of the box. */
export interface ScrollTableProps {
  /** What the table holds (the region's name). */
  readonly label: string;
  readonly children: ComponentChildren;
}

/** The scrolling box. */
export const ScrollTable = ({ label, children }: ScrollTableProps) => (
  // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
  <section class="table-scroll dash-table" aria-label={label} tabIndex={0}>
    {children}
  </section>
);
