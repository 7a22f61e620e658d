// A link that opens in a new tab and says so: an arrow for the eye, words for a screen reader.
import type { ComponentChildren } from "preact";

/** Props of a new-tab link. */
export interface ExternalLinkProps {
  readonly href: string;
  readonly children: ComponentChildren;
  /** Shown on hover (e.g. a source's full title). */
  readonly title?: string | undefined;
  /** Stable hook for automated checks. */
  readonly testId?: string | undefined;
}

/** `<a target="_blank">` whose accessible name ends in "(opens in a new tab)". */
export const ExternalLink = ({ href, children, title, testId }: ExternalLinkProps) => (
  <a href={href} title={title} rel="noreferrer" target="_blank" data-testid={testId}>
    {children}
    <span aria-hidden="true" class="new-tab">
      ↗
    </span>
    <span class="visually-hidden"> (opens in a new tab)</span>
  </a>
);
