import type { EmbodiedFactor, HardwareEntry, SourcedValue } from "../../data/types.ts";
import { embodiedShareOf, HOURS_PER_YEAR } from "../embodied.ts";
import type { Problem } from "../errors.ts";
import { formatQuantity } from "../format-number.ts";
import { invalid, required, wrongKind } from "../problems.ts";
import type { Dataset, EmbodiedEstimate, EmbodiedPart, EstimateInput, Factor } from "../types.ts";
import type { CpuSpec } from "./cpu-power.ts";
import type { InstanceJob } from "./instance.ts";

/** What the job holds, as the earlier stages resolved it. */
export interface HeldHardware {
  /** The devices' catalog entry (the hardware, or the instance's accelerator); undefined for watts only. */
  readonly entry: HardwareEntry | undefined;
  /** Accelerators held (unused when the devices are CPUs). */
  readonly count: number;
  /** The CPUs that are the job's devices (a CPU-only job, or hardware naming a CPU); null for accelerators. */
  readonly cpuDevices: CpuSpec | null;
  /** Whether host CPUs were given beside accelerators (their manufacture is inside the server's figure). */
  readonly hostCpu: boolean;
  /** Memory held, GB. */
  readonly memoryGB: number | undefined;
  /** The instance type, when one was named. */
  readonly instance: InstanceJob | null;
}

/**
 * Embodied inputs that cannot be used: a service life or use share without `embodied`, `embodied` of
 * the wrong type, devices given only by watts, or SoC systems (no manufacturing figure).
 */
export const embodiedProblems = (input: EstimateInput, entry: HardwareEntry | undefined): Problem[] => {
  const problems: Problem[] = [];
  if (input.embodied !== undefined && typeof input.embodied !== "boolean")
    problems.push(invalid("embodied", `${JSON.stringify(input.embodied)} is not allowed; use true or false`));
  if (input.embodied !== true) {
    for (const field of ["serviceLifeYears", "useShare"] as const) {
      if (input[field] !== undefined)
        problems.push(required(field, ["embodied"], " as well: it applies to embodied emissions only"));
    }
    return problems;
  }
  if (input.instance === undefined && input.hardware === undefined && input.cpu === undefined)
    problems.push(
      required(
        "hardware",
        ["hardware", "instance"],
        " for embodied emissions: what a device given only by its watts is made of is unknown",
      ),
    );
  else if (entry?.kind === "soc")
    problems.push(
      wrongKind(
        "hardware",
        input.hardware ?? entry.name,
        "soc",
        "an accelerator or a CPU; the dataset has no manufacturing figure for SoC systems, so embodied emissions cannot be given",
      ),
    );
  return problems;
};

const sourceOf = (dataset: Dataset, id: string) => dataset.sources.get(id) ?? null;

/** Notes joined with "; ", the absent ones left out. */
const joined = (...notes: readonly (string | undefined)[]): string =>
  notes.filter((n) => n !== undefined && n !== "").join("; ");

/** A per-unit manufacturing figure as a factor. */
const unitFactor = (dataset: Dataset, what: string, unit: string, factor: EmbodiedFactor): Factor => ({
  name: `manufacture ${what}`,
  value: factor.value,
  unit,
  kind: "estimated",
  source: sourceOf(dataset, factor.source),
  year: factor.year,
  note: joined(`range ${formatQuantity(factor.range.low)}–${formatQuantity(factor.range.high)}`, factor.note),
});

/** A constant the user may give (service life, use share) as a factor. */
const givenOrDefault = (
  dataset: Dataset,
  name: string,
  unit: string,
  given: number | undefined,
  value: SourcedValue,
): Factor =>
  given !== undefined
    ? { name, value: given, unit, kind: "user", source: null, year: null }
    : {
        name,
        value: value.value,
        unit,
        kind: "default",
        source: sourceOf(dataset, value.source),
        year: value.year,
        ...(value.note === undefined ? {} : { note: value.note }),
      };

interface PartPlan {
  readonly part: EmbodiedPart["part"];
  readonly label: string;
  readonly count: number;
  readonly factor: EmbodiedFactor;
}

/** Units of a part in a label: whole numbers as they are, shares with three significant digits. */
const countText = (count: number): string => formatQuantity(count);

/** The parts of a job of CPUs: packages, memory, and the packages' share of a server's chassis. */
const cpuParts = (dataset: Dataset, cpu: CpuSpec, held: HeldHardware, factors: Factor[]): PartPlan[] => {
  const { embodied } = dataset;
  const { packages } = cpu;
  const label =
    cpu.by !== "vcpu" && Number.isInteger(packages)
      ? `${packages} × ${cpu.entry.name}`
      : `${cpu.label} (${countText(packages)} package${packages === 1 ? "" : "s"})`;
  const perServer = embodied.cpusPerServer;
  const servers = packages / perServer.value;
  factors.push(
    unitFactor(dataset, "per CPU package", "kg CO2eq", embodied.cpu),
    givenOrDefault(dataset, "CPU packages per server", "", undefined, perServer),
    unitFactor(
      dataset,
      "per server chassis (without CPUs, memory, accelerators)",
      "kg CO2eq",
      embodied.chassis,
    ),
  );
  const parts: PartPlan[] = [{ part: "cpu", label, count: packages, factor: embodied.cpu }];
  if (held.memoryGB !== undefined && held.memoryGB > 0) {
    factors.push(unitFactor(dataset, "per GB of memory", "kg CO2eq/GB", embodied.memoryPerGB));
    parts.push({
      part: "memory",
      label: `${countText(held.memoryGB)} GB memory`,
      count: held.memoryGB,
      factor: embodied.memoryPerGB,
    });
  }
  parts.push({
    part: "server",
    label: `${countText(servers)} server chassis`,
    count: servers,
    factor: embodied.chassis,
  });
  return parts;
};

/** The parts of a job of accelerators: the devices and their share of a server (host CPUs and memory in it). */
const acceleratorParts = (
  dataset: Dataset,
  held: HeldHardware,
  factors: Factor[],
  warnings: string[],
): PartPlan[] => {
  const { embodied } = dataset;
  const entry = held.entry as HardwareEntry;
  const own = embodied.byHardware[entry.id];
  const device = own ?? embodied.accelerator;
  if (own === undefined)
    warnings.push(
      `No manufacturing figure for ${entry.name}: the generic data-centre accelerator's ${formatQuantity(device.value)} kg (range ${formatQuantity(device.range.low)}–${formatQuantity(device.range.high)} kg) is used.`,
    );
  const host = held.instance;
  const perServer: Factor =
    host !== null && host.hostAccelerators > 0
      ? {
          name: "accelerators per server",
          value: host.hostAccelerators,
          unit: "",
          kind: "published",
          source: sourceOf(dataset, host.type.source),
          year: host.type.released,
          note: `the largest ${host.type.provider} instance type with ${entry.name} taken as the whole host`,
        }
      : givenOrDefault(dataset, "accelerators per server", "", undefined, embodied.acceleratorsPerServer);
  const servers = held.count / perServer.value;
  const hostGiven = held.hostCpu || held.memoryGB !== undefined;
  factors.push(
    unitFactor(
      dataset,
      own === undefined ? "per accelerator" : `per device (${entry.name})`,
      "kg CO2eq",
      device,
    ),
    perServer,
    unitFactor(dataset, "per server without accelerators", "kg CO2eq", {
      ...embodied.server,
      note: joined(
        hostGiven ? "includes the host's CPUs and memory, not counted again" : undefined,
        embodied.server.note,
      ),
    }),
  );
  return [
    { part: "devices", label: `${countText(held.count)} × ${entry.name}`, count: held.count, factor: device },
    {
      part: "server",
      label: `${countText(servers)} server${servers === 1 ? "" : "s"} without accelerators`,
      count: servers,
      factor: embodied.server,
    },
  ];
};

/**
 * Stage 10: the job's share of its hardware's manufacturing emissions (SCI: M = TE × TiR / EL ×
 * RR / ToR): its devices (or CPU packages and memory) and their share of a server, over the hours it
 * holds them out of the service life in use; its band from each figure's range and the life's. The
 * total adds the operational figure and range. Never changes `emissionsKg`. Pushes a warning when a
 * device has no figure of its own.
 *
 * @example
 * embodiedOf(dataset, { embodied: true }, held, 24, { emissionsKg: 10, lowKg: 9, highKg: 11 }, []).kg
 */
export const embodiedOf = (
  dataset: Dataset,
  input: EstimateInput,
  held: HeldHardware,
  hours: number,
  operational: { readonly emissionsKg: number; readonly lowKg: number; readonly highKg: number },
  warnings: string[],
): EmbodiedEstimate => {
  const { embodied } = dataset;
  const factors: Factor[] = [];
  const plans =
    held.cpuDevices !== null
      ? cpuParts(dataset, held.cpuDevices, held, factors)
      : acceleratorParts(dataset, held, factors, warnings);
  const life = embodied.serviceLifeYears;
  const lifeYears = input.serviceLifeYears ?? life.value;
  const useShare = input.useShare ?? embodied.useShare.value;
  factors.push(
    givenOrDefault(dataset, "service life", "years", input.serviceLifeYears, {
      ...life,
      note: joined(`range ${life.range.low}–${life.range.high} years`, life.note),
    }),
    givenOrDefault(dataset, "share of the service life in use", "share", input.useShare, embodied.useShare),
  );
  const share = embodiedShareOf({
    parts: plans,
    hours,
    lifeYears,
    ...(input.serviceLifeYears === undefined ? { lifeYearsRange: life.range } : {}),
    useShare,
  });
  const parts: EmbodiedPart[] = plans.map((p, i) => ({
    part: p.part,
    label: p.label,
    count: p.count,
    unitKg: p.factor.value,
    kg: share.parts[i]?.kg ?? 0,
  }));
  const terms = plans.map((p) => `${countText(p.count)} × ${formatQuantity(p.factor.value)} kg`).join(" + ");
  const inUse = useShare === 1 ? "" : ` × ${useShare} in use`;
  return {
    kg: share.kg,
    lowKg: share.lowKg,
    highKg: share.highKg,
    amortisedHours: share.amortisedHours,
    parts,
    factors,
    derivation: `(${terms}) × ${formatQuantity(hours)} h / (${formatQuantity(lifeYears)} years × ${HOURS_PER_YEAR} h${inUse}) = ${formatQuantity(share.kg)} kg CO2eq`,
    totalKg: operational.emissionsKg + share.kg,
    totalRange: { lowKg: operational.lowKg + share.lowKg, highKg: operational.highKg + share.highKg },
  };
};
