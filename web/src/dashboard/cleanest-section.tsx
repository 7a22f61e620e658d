// Where the same run would have emitted least: the cleanest region of every provider (PUE × grid
// intensity for the run's grid year), the best first, compared with what the run emitted.
import { formatRatio } from "../../../src/core/format-number.ts";
import type { Cleanest, RegionChoice } from "./api-schemas.ts";
import { energyText, massText } from "./format.ts";

const lessText = (kg: number, than: number): string =>
  than <= 0 ? "" : kg >= than ? "; no less than it did" : `, ${Math.round((1 - kg / than) * 100)} % less`;

const regionText = (r: RegionChoice) =>
  `${r.name} (${r.region}; ${Math.round(r.intensityGPerKWh)} g/kWh, PUE ${formatRatio(r.pue)})`;

/** Props of the section. */
export interface CleanestSectionProps {
  readonly cleanest: Cleanest;
  /** The run's location-based emissions, kg (what it is compared with). */
  readonly emissionsKg: number;
  /** Whether the run is still running (figures so far). */
  readonly running: boolean;
}

/** The cleanest region, the cleanest in the run's own provider, and every provider's. */
export const CleanestSection = ({ cleanest, emissionsKg, running }: CleanestSectionProps) => {
  const best = cleanest.cleanest;
  if (best === null) return <p class="hint">No region data for this grid year.</p>;
  const inProvider = cleanest.inProvider;
  return (
    <div data-testid="cleanest" data-region={best.region} data-value={String(best.emissionsKg)}>
      <p>
        The same IT energy ({energyText(cleanest.energyKWh)}
        {running ? " so far" : ""}) in <strong>{regionText(best)}</strong> would have emitted{" "}
        <strong>{massText(best.emissionsKg)}</strong>
        {lessText(best.emissionsKg, emissionsKg)} than the {massText(emissionsKg)} it did
        {cleanest.year === null ? "" : ` (grid year ${cleanest.year})`}.
      </p>
      {inProvider === null ? null : (
        <p data-testid="cleanest-in-provider">
          In its own provider: {inProvider.region} ({Math.round(inProvider.intensityGPerKWh)} g/kWh, PUE{" "}
          {formatRatio(inProvider.pue)}), {massText(inProvider.emissionsKg)}
          {lessText(inProvider.emissionsKg, emissionsKg)}.
        </p>
      )}
      <details>
        <summary>Every provider's cleanest region ({cleanest.byProvider.length})</summary>
        <ol class="regions" data-testid="cleanest-list">
          {cleanest.byProvider.map((r) => (
            <li key={r.region}>
              {regionText(r)}: {massText(r.emissionsKg)}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
};
