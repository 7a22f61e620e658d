// The same job in every region of the provider: one bar each, the chosen region marked.
import { formatMassKg } from "../../src/core/format-number.ts";
import { emissionsKgFrom } from "../../src/core/units.ts";
import { regionOptions } from "./catalog.ts";
import { useData } from "./page-data.ts";

/** Props of the chart. */
export interface RegionChartProps {
  /** Provider id. */
  readonly provider: string;
  /** The chosen region id. */
  readonly region: string;
  /** The job's IT energy, kWh. */
  readonly energyKWh: number;
  /** Grid year asked for (undefined: latest per region). */
  readonly year: number | undefined;
}

/** Horizontal bars, cleanest first: readable at any width and by a screen reader (it is a list). */
export const RegionChart = ({ provider, region, energyKWh, year }: RegionChartProps) => {
  const { dataset } = useData();
  const options = regionOptions(dataset, provider, year);
  const rows = options.map((o) => ({
    option: o,
    kg: emissionsKgFrom(energyKWh * o.pue, o.intensityGPerKWh),
  }));
  const max = rows.reduce((m, r) => Math.max(m, r.kg), 0) || 1;
  const name = dataset.providers.find((p) => p.id === provider)?.name ?? provider;
  return (
    <figure class="chart" data-testid="region-chart">
      <figcaption>
        This job in each of {name}'s {rows.length} regions (location-based, each region's published PUE),
        cleanest first.
      </figcaption>
      <ol>
        {rows.map(({ option, kg }) => (
          <li
            key={option.value}
            data-bar={option.value}
            data-value={kg}
            aria-current={option.value === region ? "true" : undefined}
            class={option.value === region ? "current" : ""}
          >
            <span class="bar-label" title={option.region.name}>
              {option.value}
            </span>
            <span class="bar-track">
              <span class="bar" style={{ width: `${Math.max(0.5, (kg / max) * 100)}%` }} />
            </span>
            <span class="bar-value">{formatMassKg(kg)}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
};
