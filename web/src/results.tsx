// The result: the location-based emissions as the one headline, energy, the market-based view and (when
// asked for) the embodied emissions as smaller figures beside it, the power of each component (a whole
// instance: its GPUs, its CPUs' share, its memory), how they were derived, every factor with its source,
// the same job elsewhere, and everyday equivalents.
import { formatMassKg, formatQuantity, formatRatio, sig3 } from "../../src/core/format-number.ts";
import type { Dataset, EmbodiedEstimate, EstimateResult } from "../../src/core/types.ts";
import { emissionsKgFrom } from "../../src/core/units.ts";
import { cleanestRegionOverall, type RegionOption } from "./catalog.ts";
import { FactorTable } from "./factor-table.tsx";
import { MethodText } from "./method-text.tsx";
import { useData } from "./page-data.ts";
import { SourceLink } from "./source-link.tsx";

/** Props of the result panel. */
export interface ResultsProps {
  readonly result: EstimateResult;
  /** Share of the emissions the authors offset (custom intensity only). */
  readonly offsetsShare: number | null;
  /** Grid year asked for. */
  readonly year: number | undefined;
  /** Whether "Elsewhere" (every provider's cleanest region) is computed yet: it comes after the first result. */
  readonly elsewhere: boolean;
}

const providerName = (dataset: Dataset, id: string) => dataset.providers.find((p) => p.id === id)?.name ?? id;

const percentLess = (kg: number, than: number) =>
  than <= 0 ? "" : kg >= than ? "no less" : `${Math.round((1 - kg / than) * 100)} % less`;

const Alternative = ({
  label,
  option,
  kg,
  than,
}: {
  label: string;
  option: RegionOption;
  kg: number;
  than: number;
}) => {
  const { dataset } = useData();
  return (
    <li>
      {label}: <strong>{formatMassKg(kg)} CO2eq</strong> in {providerName(dataset, option.region.provider)}{" "}
      {option.region.id} ({option.region.location}, {Math.round(option.intensityGPerKWh)} g/kWh, PUE{" "}
      {formatRatio(option.pue)}), {percentLess(kg, than)}.
    </li>
  );
};

/** The location-based emissions, big: the answer. Plain text, not `<output>` (a live region of its own). */
const Headline = ({ result }: { result: EstimateResult }) => (
  <div class="figure main">
    <span class="figure-label">Emissions (location-based)</span>
    <span
      class="value"
      data-testid="emissions"
      data-value={String(result.emissionsKg)}
      elementtiming="mlco2-result"
    >
      {formatMassKg(result.emissionsKg)} <small>CO2eq</small>
    </span>
    <span class="figure-sub" data-testid="range">
      likely between {formatMassKg(result.range.lowKg)} and {formatMassKg(result.range.highKg)}, from the grid
      where it ran
    </span>
  </div>
);

/** The market-based view: smaller, after the headline, never subtracted from it. */
const MarketBased = ({ result, offsetsShare }: { result: EstimateResult; offsetsShare: number | null }) => {
  const match = result.factors.find((f) => f.name.endsWith("renewable matching"));
  const where = result.job.location;
  return (
    <div class="figure market">
      <span class="figure-label">Market-based</span>
      {result.marketBasedKg === null ? null : (
        <span class="value" data-testid="market-based" data-value={String(result.marketBasedKg)}>
          {formatMassKg(result.marketBasedKg)} <small>CO2eq</small>
        </span>
      )}
      {result.marketBasedKg === null || match === undefined ? null : (
        <span class="figure-sub">
          after {where.providerName}'s renewable contracts, for comparison ({sig3(match.value * 100)} %
          {match.source === null ? "" : ", "}
          {match.source === null ? null : <SourceLink source={match.source} year={match.year} />}); not
          subtracted
        </span>
      )}
      {offsetsShare === null ? null : (
        <span
          class="figure-sub"
          data-testid="offset-net"
          data-value={String(result.emissionsKg * (1 - offsetsShare))}
        >
          {formatMassKg(result.emissionsKg * (1 - offsetsShare))} net of the {sig3(offsetsShare * 100)} % you
          offset; not subtracted
        </span>
      )}
    </div>
  );
};

/** The embodied emissions: their own figure, and the total with them; never part of the headline. */
const Embodied = ({ embodied }: { embodied: EmbodiedEstimate }) => (
  <div class="figure embodied">
    <span class="figure-label">Embodied (manufacture)</span>
    <span class="value" data-testid="embodied" data-value={String(embodied.kg)}>
      {formatMassKg(embodied.kg)} <small>CO2eq</small>
    </span>
    <span class="figure-sub">
      the job's share of making its hardware, likely between {formatMassKg(embodied.lowKg)} and{" "}
      {formatMassKg(embodied.highKg)}; not in the headline
    </span>
    <span class="figure-sub" data-testid="embodied-total" data-value={String(embodied.totalKg)}>
      Total with embodied: <strong>{formatMassKg(embodied.totalKg)} CO2eq</strong> (
      {formatMassKg(embodied.totalRange.lowKg)}–{formatMassKg(embodied.totalRange.highKg)})
    </span>
  </div>
);

/** Power and energy of each component, as `mlco2 estimate` lists them (a whole instance: GPUs, CPUs, memory). */
const Components = ({ result }: { result: EstimateResult }) => (
  <ul class="components" data-testid="components" aria-labelledby="components-title">
    {result.components.map((c) => (
      <li
        key={c.component}
        data-component={c.component}
        data-power={String(c.powerW)}
        data-energy={String(c.energyKWh)}
      >
        {c.label}: <strong>{sig3(c.powerW)} W</strong>, {sig3(c.energyKWh)} kWh{" "}
        <span class={`kind kind-${c.kind}`}>{c.kind}</span>
      </li>
    ))}
  </ul>
);

const Elsewhere = ({ result, year }: { result: EstimateResult; year: number | undefined }) => {
  const { dataset } = useData();
  const where = result.job.location;
  const inProvider = result.alternatives.cleanestInProvider;
  const inProviderOption =
    inProvider === null
      ? undefined
      : dataset.regions.find((r) => `${r.provider}:${r.id}` === inProvider.region);
  const overall = cleanestRegionOverall(dataset, year);
  const overallKg =
    overall === null ? null : emissionsKgFrom(result.energyKWh * overall.pue, overall.intensityGPerKWh);
  return (
    <ul class="alternatives" data-testid="alternatives">
      {inProvider === null || inProviderOption === undefined ? null : (
        <Alternative
          label={
            overall !== null && `${overall.region.provider}:${overall.value}` === inProvider.region
              ? `Cleanest ${where.providerName} region, and the cleanest overall`
              : `Cleanest ${where.providerName} region`
          }
          option={{
            value: inProviderOption.id,
            label: inProviderOption.id,
            name: inProviderOption.id,
            intensityGPerKWh: inProvider.intensityGPerKWh,
            pue: inProvider.pue,
            region: inProviderOption,
          }}
          kg={inProvider.emissionsKg}
          than={result.emissionsKg}
        />
      )}
      {overall === null ||
      overallKg === null ||
      `${overall.region.provider}:${overall.value}` === inProvider?.region ? null : (
        <Alternative
          label="Cleanest region overall"
          option={overall}
          kg={overallKg}
          than={result.emissionsKg}
        />
      )}
    </ul>
  );
};

/** The result panel. */
export const Results = ({ result, offsetsShare, year, elsewhere }: ResultsProps) => {
  const { job } = result;
  const eq = result.equivalents;
  return (
    <>
      <div class="figures">
        <Headline result={result} />
        <div class="figures-secondary">
          <div class="figure">
            <span class="figure-label">Energy (IT, before PUE)</span>
            <span class="value" data-testid="energy" data-value={String(result.energyKWh)}>
              {sig3(result.energyKWh)} <small>kWh</small>
            </span>
            <span
              class="figure-sub"
              data-testid="facility-energy"
              data-value={String(result.facilityEnergyKWh)}
            >
              {sig3(result.facilityEnergyKWh)} kWh with PUE {formatRatio(result.pue)}
            </span>
          </div>
          {result.marketBasedKg === null && offsetsShare === null ? null : (
            <MarketBased result={result} offsetsShare={offsetsShare} />
          )}
          {result.embodied === undefined ? null : <Embodied embodied={result.embodied} />}
        </div>
      </div>
      <p class="derivation">
        <code data-testid="derivation">{result.derivation}</code>
      </p>
      {result.embodied === undefined ? null : (
        <p class="derivation">
          Embodied: <code data-testid="embodied-derivation">{result.embodied.derivation}</code>
        </p>
      )}
      <p class="where-line">
        {job.instance !== undefined
          ? `${job.instance.count} × ${job.instance.name}`
          : job.hardware === null
            ? `${job.count} device(s) at ${formatQuantity(job.powerPerDeviceW)} W`
            : `${job.count} × ${job.hardware.name}`}{" "}
        · {formatQuantity(job.deviceHours)} device-hours · {job.location.label}
        {job.year === null ? "" : ` · grid ${job.year}`}
      </p>
      {result.components.length > 1 ? (
        <>
          <h3 id="components-title">Power by component</h3>
          <Components result={result} />
        </>
      ) : null}
      {result.warnings.length === 0 ? null : (
        <ul class="warnings" aria-label="Assumptions">
          {result.warnings.map((w) => (
            <li key={w}>
              <MethodText text={w} />
            </li>
          ))}
        </ul>
      )}
      <h3>Elsewhere</h3>
      {elsewhere ? <Elsewhere result={result} year={year} /> : <p class="hint">…</p>}
      <h3>
        That is about as much CO2 as{result.embodied === undefined ? "" : " (the operational emissions)"}
      </h3>
      <ul class="equivalents" data-testid="equivalents">
        <li>
          <strong>{sig3(eq.carKm)} km</strong> driven by an average passenger car
        </li>
        <li>
          <strong>{sig3(eq.coalKg)} kg</strong> of coal burned
        </li>
        <li>
          <strong>{sig3(eq.treeSeedlings10y)}</strong> tree seedlings growing for 10 years to take it back up
        </li>
        <li>
          <strong>{sig3(eq.flights.count)}</strong> passenger flights {eq.flights.route}
        </li>
      </ul>
      <FactorTable factors={result.factors} />
      {result.embodied === undefined ? null : (
        <FactorTable
          factors={result.embodied.factors}
          title="Embodied: every factor and its source"
          testId="embodied-factors"
        />
      )}
    </>
  );
};
