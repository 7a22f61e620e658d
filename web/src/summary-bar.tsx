// The result in one line, fixed at the bottom of the screen while the headline figure is out of view
// (at phone width the form fills the first screens): every edit shows its effect where the user types.
import { useEffect, useState } from "preact/hooks";
import { formatMassKg, sig3 } from "../../src/core/format-number.ts";
import type { EstimateResult } from "../../src/core/types.ts";

/** Props of the summary bar. */
export interface SummaryBarProps {
  readonly result: EstimateResult;
  /** The inputs have changed into something invalid since this result. */
  readonly stale: boolean;
}

/**
 * Whether the headline figure is on screen; undefined until the browser has said (the stylesheet then
 * shows the bar on narrow screens, where the headline starts below the form, and hides it on wide ones).
 */
const useHeadlineVisible = (): boolean | undefined => {
  const [visible, setVisible] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    const headline = document.querySelector(".figure.main");
    if (headline === null) return;
    const observer = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry !== undefined) setVisible(entry.isIntersecting);
    });
    observer.observe(headline);
    return () => observer.disconnect();
  }, []);
  return visible;
};

/** "381 kg CO2eq · location-based · 1,340 kWh · details". Not a live region: the page has one. */
export const SummaryBar = ({ result, stale }: SummaryBarProps) => {
  const headlineVisible = useHeadlineVisible();
  return (
    <div
      class={stale ? "summary stale" : "summary"}
      data-testid="summary"
      data-value={String(result.emissionsKg)}
      data-stale={stale ? "true" : undefined}
      data-known={headlineVisible === undefined ? undefined : ""}
      hidden={headlineVisible === true}
    >
      <strong elementtiming="mlco2-result">{formatMassKg(result.emissionsKg)} CO2eq</strong>
      <span class="summary-sub">
        {stale ? "last valid result" : "location-based"} · {sig3(result.energyKWh)} kWh
      </span>
      <a href="#result">details</a>
    </div>
  );
};
