// Everything after the result, loaded as a separate chunk once the first result is on screen: the
// chart of the provider's regions, When (its view a chunk of its own), Publish, Learn, Act and Data.
import type { EstimateResult } from "../../src/core/types.ts";
import { DataSources } from "./data-sources.tsx";
import { Act, Learn } from "./learn-act.tsx";
import { Publish } from "./publish.tsx";
import { RegionChart } from "./region-chart.tsx";
import { WhenSection } from "./when-section.tsx";

/** Props of the sections below the result. */
export interface BelowFoldProps {
  /** The result shown (the last valid one while the inputs are being fixed). */
  readonly result: EstimateResult | undefined;
  /** Whether the inputs have changed into something invalid since that result. */
  readonly stale: boolean;
  /** The cloud provider and region of that result, when it was computed for one. */
  readonly cloud: { readonly provider: string; readonly region: string } | null;
  /** Grid year asked for. */
  readonly year: number | undefined;
}

/** The chart (for a cloud region), When, Publish, Learn, Act and Data. */
export const BelowFold = ({ result, stale, cloud, year }: BelowFoldProps) => (
  <>
    {result !== undefined && cloud !== null ? (
      <section aria-labelledby="regions-title" class={stale ? "stale" : ""} data-stale={stale || undefined}>
        <h2 id="regions-title">Across the provider's regions</h2>
        <RegionChart
          provider={cloud.provider}
          region={cloud.region}
          energyKWh={result.energyKWh}
          year={year}
        />
      </section>
    ) : null}
    <WhenSection result={result} stale={stale} />
    <section
      id="publish"
      aria-labelledby="publish-title"
      data-testid="publish"
      class={stale ? "stale" : ""}
      data-stale={stale || undefined}
    >
      <h2 id="publish-title">Publish</h2>
      {stale ? (
        <p class="stale-note">These texts are for the last valid inputs: fix the form to update them.</p>
      ) : null}
      {result === undefined ? <p>Fix the inputs above to get the texts.</p> : <Publish result={result} />}
    </section>
    <section id="learn" aria-labelledby="learn-title">
      <h2 id="learn-title">Learn</h2>
      <Learn />
    </section>
    <section id="act" aria-labelledby="act-title">
      <h2 id="act-title">Act</h2>
      <Act />
    </section>
    <section id="data" aria-labelledby="data-title">
      <h2 id="data-title">Data</h2>
      <DataSources />
    </section>
  </>
);
