// The result in one line, fixed at the bottom of the screen while the headline figure is out of view
// (at phone width the form fills the first screens): every edit shows its effect where the user types.
import { useEffect, useState } from "preact/hooks";
import { formatMassKg, sig3 } from "../../src/core/index.ts";
import type { EstimateResult } from "../../src/core/types.ts";

/** Props of the summary bar. */
export interface SummaryBarProps {
  readonly result: EstimateResult;
  /** The inputs have changed into something invalid since this result. */
  readonly stale: boolean;
}

/** Narrow screens start with the headline below the form, wide ones beside it. */
const NARROW = "(max-width: 52rem)";

/** Whether the headline figure is on screen. */
const useHeadlineVisible = (): boolean => {
  const [visible, setVisible] = useState(() => !matchMedia(NARROW).matches);
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
      hidden={headlineVisible}
    >
      <strong>{formatMassKg(result.emissionsKg)} CO2eq</strong>
      <span class="summary-sub">
        {stale ? "last valid result" : "location-based"} · {sig3(result.energyKWh)} kWh
      </span>
      <a href="#result">details</a>
    </div>
  );
};
