import { formatMassKg, formatQuantity, formatRatio, sig3 } from "../format-number.ts";
import type { EstimateResult } from "../types.ts";
import { LACOSTE_2019_KEY, MLCO2_KEY } from "./bibtex.ts";
import { perUnitText } from "./per-unit-text.ts";

/** How a target format spells the pieces of the paragraph. */
export interface ParagraphStyle {
  /** Escapes plain text taken from the result (names, labels). */
  readonly text: (plain: string) => string;
  /** "CO2eq" in this format, e.g. "CO$_2$eq". */
  readonly co2: string;
  /** A multiplication sign, e.g. "$\\times$". */
  readonly times: string;
  /** A percent sign, e.g. "\\%". */
  readonly percent: string;
  /** A range dash, e.g. "--". */
  readonly dash: string;
  /** A citation of a BibTeX key, e.g. "~\\cite{key}". */
  readonly cite: (key: string) => string;
}

/** Share (0–1) of renewable matching behind `marketBasedKg`, from its factor, else from the figures. */
export const renewableShareOf = (result: EstimateResult): number | null => {
  if (result.marketBasedKg === null) return null;
  const factor = result.factors.find((f) => f.name.endsWith(" renewable matching"));
  if (factor !== undefined) return factor.value;
  return result.emissionsKg === 0 ? null : 1 - result.marketBasedKg / result.emissionsKg;
};

/** Whether the intensity varied over the run (a tracker with a time series): then it is no yearly average. */
const timeVarying = (result: EstimateResult): boolean =>
  result.factors.some((f) => f.name.includes("energy-weighted"));

/** The grid year phrase, e.g. " (2025 yearly average)", or the time-varying one. */
const yearPhrase = (result: EstimateResult): string =>
  timeVarying(result)
    ? " (time-varying, weighted by the energy used in each interval)"
    : result.job.year === null
      ? ""
      : ` (${result.job.year} yearly average)`;

/** Where it ran and the intensity there, one sentence. */
const whereSentence = (result: EstimateResult, s: ParagraphStyle): string => {
  const { location } = result.job;
  const intensity = `${formatQuantity(result.intensityGPerKWh)} g${s.co2}/kWh`;
  switch (location.by) {
    case "region":
      return `The computation ran on ${s.text(location.label)}, whose electricity grid${location.zone === undefined ? "" : ` (zone ${s.text(location.zone)})`} has a carbon intensity of ${intensity}${yearPhrase(result)}.`;
    case "country":
      return `The computation ran in ${s.text(location.label)}, whose electricity grid has a carbon intensity of ${intensity}${yearPhrase(result)}.`;
    case "zone":
      return `The computation ran on the ${s.text(location.label)} electricity grid, with a carbon intensity of ${intensity}${yearPhrase(result)}.`;
    default:
      return `The computation ran on private infrastructure whose electricity has a carbon intensity of ${intensity}, as given by the authors.`;
  }
};

/** What ran, how long and at what power, one or two sentences. */
const hardwareSentence = (result: EstimateResult, s: ParagraphStyle): string => {
  const { job } = result;
  if (!result.components.some((c) => c.component === "devices")) return componentsSentence(result, s);
  const hours = `${formatQuantity(job.deviceHours)} device-hour${job.deviceHours === 1 ? "" : "s"}`;
  const per = `${formatQuantity(job.powerPerDeviceW)} W`;
  let sentence: string;
  if (job.hardware === null) {
    sentence = `A cumulative ${hours} of computation were performed on ${job.count} device${job.count === 1 ? "" : "s"} drawing ${per} each on average.`;
  } else {
    const on = instanceOf(result);
    const devices = `${job.count} ${s.times} ${s.text(job.hardware.name)}${on === null ? "" : ` (${s.text(on)})`}`;
    const power =
      job.utilization === null
        ? `drawing ${per} each on average (measured or given)`
        : job.powerPerDeviceW === job.hardware.tdpW
          ? `each counted at its thermal design power of ${per}`
          : `drawing an estimated ${per} each (TDP ${formatQuantity(job.hardware.tdpW)} W, utilization ${formatQuantity(job.utilization * 100)}${s.percent})`;
    sentence = `A cumulative ${hours} of computation were performed on ${devices}, ${power}.`;
  }
  const host = result.components.filter((c) => c.component !== "devices");
  if (host.length > 0) {
    sentence += ` The host's ${host.map((c) => `${c.component === "cpu" ? "CPU" : "memory"} (${sig3(c.powerW)} W)`).join(" and ")} ${host.length === 1 ? "is" : "are"} included.`;
  }
  return sentence;
};

/** A run described by its measured or estimated components (a CPU-only job, a tracker log without accelerators). */
const componentsSentence = (result: EstimateResult, s: ParagraphStyle): string => {
  const parts = result.components.map(
    (c) =>
      `${c.component === "cpu" ? "CPU" : c.component === "memory" ? "memory" : "devices"} ${sig3(c.powerW)} W (${c.kind})`,
  );
  const total = result.components.reduce((sum, c) => sum + c.powerW, 0);
  const on = instanceOf(result);
  return `The job ran${on === null ? "" : ` on ${s.text(on)}`} for ${formatQuantity(result.job.hours)} hours at an average of ${sig3(total)} W: ${s.text(parts.join(", "))}.`;
};

/** "2 × aws:p4d.24xlarge" when the job named an instance type, else null. */
const instanceOf = (result: EstimateResult): string | null => {
  const instance = result.job.instance;
  return instance === undefined ? null : `${instance.count} × ${instance.name}`;
};

/** A factor's value by name, if the result carries it. */
const factorValue = (factors: readonly { name: string; value: number }[], name: string): number | undefined =>
  factors.find((f) => f.name === name)?.value;

/** The embodied emissions and the total with them, one sentence; null when not asked for. */
const embodiedSentence = (result: EstimateResult, s: ParagraphStyle): string | null => {
  const embodied = result.embodied;
  if (embodied === undefined) return null;
  const life = factorValue(embodied.factors, "service life");
  const inUse = factorValue(embodied.factors, "share of the service life in use");
  const inner: string[] = [];
  if (life !== undefined)
    inner.push(
      `the job's ${formatQuantity(result.job.hours)}-hour share of a ${formatQuantity(life)}-year service life${inUse === undefined || inUse === 1 ? "" : ` in use ${formatQuantity(inUse * 100)}${s.percent} of the time`}`,
    );
  if (embodied.lowKg !== embodied.highKg)
    inner.push(`range ${formatMassKg(embodied.lowKg)} ${s.dash} ${formatMassKg(embodied.highKg)}`);
  const detail = inner.length === 0 ? "" : ` (${inner.join("; ")})`;
  return `Manufacturing the hardware adds an estimated ${formatMassKg(embodied.kg)} ${s.co2} of embodied emissions${detail}, for a total of ${formatMassKg(embodied.totalKg)} ${s.co2} including embodied emissions.`;
};

/** An ISO 8601 instant as a paper writes it: "2026-03-02 03:00 UTC". */
const instantText = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** What "cleanest region" means for the scope the tracker compared within. */
const scopeText = (scope: "provider" | "country" | null): string =>
  scope === "provider"
    ? "the cleanest region of the same provider"
    : "the cleanest grid zone of the same country";

/**
 * Whether the run already ran in the cleanest region it was compared with (the provider's region, or
 * the country's zone).
 *
 * @example
 * ranInCleanest(trackedInSweden) // true when counterfactual.cleanestRegion is "SE-SE1" and the run's zone too
 */
export const ranInCleanest = (result: EstimateResult): boolean => {
  const c = result.counterfactual;
  if (c === undefined || c === null || c.cleanestRegion === null) return false;
  const { location } = result.job;
  const here =
    c.cleanestRegionScope === "provider" ? `${location.provider}:${location.region}` : (location.zone ?? "");
  return here.toUpperCase() === c.cleanestRegion.toUpperCase();
};

/**
 * The counterfactual saving of a tracked run, one sentence, when it is known: the same energy at the
 * cleanest start within 12 hours, and in the cleanest allowed region (yearly averages); "" otherwise.
 */
export const counterfactualSentence = (result: EstimateResult, s: ParagraphStyle): string => {
  const c = result.counterfactual;
  if (c === undefined || c === null) return "";
  const less = (kg: number) => {
    const saving = result.emissionsKg - kg;
    return saving > 0 && result.emissionsKg > 0
      ? ` (${sig3((saving / result.emissionsKg) * 100)}${s.percent} less)`
      : " (no less than it did)";
  };
  const parts: string[] = [];
  if (c.bestWindowKg !== null && c.bestWindowStart !== null) {
    parts.push(
      c.bestWindowKg >= result.emissionsKg
        ? `Started at any other time within 12 hours of its start, the same energy would not have emitted less than the ${formatMassKg(result.emissionsKg)} ${s.co2} it did`
        : `Started at the cleanest time within 12 hours of its actual start (${instantText(c.bestWindowStart)}), the same energy would have emitted ${formatMassKg(c.bestWindowKg)} ${s.co2}${less(c.bestWindowKg)}`,
    );
  }
  if (c.cleanestRegionKg !== null && c.cleanestRegion !== null) {
    const what = c.cleanestRegionScope === "provider" ? "region of its provider" : "grid zone of its country";
    if (ranInCleanest(result)) {
      parts.push(`${parts.length === 0 ? "It" : "it"} already ran in the cleanest ${what}`);
    } else {
      const where = `${s.text(c.cleanestRegion)}, ${scopeText(c.cleanestRegionScope)}`;
      const baseline = c.sameRegionYearlyKg;
      const lessThanHere =
        baseline !== null && baseline > c.cleanestRegionKg
          ? `${sig3(((baseline - c.cleanestRegionKg) / baseline) * 100)}${s.percent} less than where it ran, both`
          : "no less than where it ran, both";
      const tail = `${formatMassKg(c.cleanestRegionKg)} ${s.co2} (${lessThanHere} at yearly average intensities)`;
      parts.push(
        parts.length === 0
          ? `In ${where}, the same energy would have emitted ${tail}`
          : `in ${where}, it would have emitted ${tail}`,
      );
    }
  }
  return parts.length === 0 ? "" : `${parts.join("; ")}.`;
};

/**
 * The paragraph a paper can quote, in the spirit of the 2019 calculator's LaTeX template: where it ran
 * and the grid's intensity, the hardware, its power and hours, the energy with PUE, the location-based
 * total and its range (called operational when embodied emissions follow, with the total including
 * them), the provider's market-based figure stated as such, and the citations.
 */
export const paragraphOf = (result: EstimateResult, s: ParagraphStyle): string => {
  const sentences = [whereSentence(result, s), hardwareSentence(result, s)];
  sentences.push(
    `This amounts to ${sig3(result.energyKWh)} kWh of IT energy, or ${sig3(result.facilityEnergyKWh)} kWh at the facility with a power usage effectiveness (PUE) of ${formatRatio(result.pue)}.`,
  );
  const { lowKg, highKg } = result.range;
  const range =
    lowKg === highKg ? "" : `; plausible range ${formatMassKg(lowKg)} ${s.dash} ${formatMassKg(highKg)}`;
  const embodied = embodiedSentence(result, s);
  sentences.push(
    `${embodied === null ? "Total" : "Operational"} emissions are estimated at ${formatMassKg(result.emissionsKg)} ${s.co2} (location-based${range}).`,
  );
  if (embodied !== null) sentences.push(embodied);
  if (result.perUnit !== undefined)
    sentences.push(`Per functional unit, that is ${perUnitText(result.perUnit, s.co2, s.text)}.`);
  const share = renewableShareOf(result);
  if (result.marketBasedKg !== null && share !== null) {
    const who = s.text(result.job.location.providerName ?? "The provider");
    sentences.push(
      `${who} reports matching ${sig3(share * 100)}${s.percent} of its electricity with renewable energy purchases; on that market-based view the emissions would be ${formatMassKg(result.marketBasedKg)} ${s.co2}, a figure stated separately and not subtracted from the location-based total.`,
    );
  }
  const counterfactual = counterfactualSentence(result, s);
  if (counterfactual !== "") sentences.push(counterfactual);
  sentences.push(
    `Estimations were conducted using mlco2${s.cite(MLCO2_KEY)}, following the method of the Machine Learning Emissions Calculator${s.cite(LACOSTE_2019_KEY)}.`,
  );
  return sentences.join(" ");
};
