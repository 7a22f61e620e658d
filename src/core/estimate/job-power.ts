// Stage 4b: the job's power bands (devices, then host CPU and memory), with their factors and warnings,
// and what the job holds as the embodied stage counts it.
import type { HardwareEntry } from "../../data/types.ts";
import type { Dataset, EstimateInput, Factor } from "../types.ts";
import { appendAll } from "./append-all.ts";
import type { CheckedJob } from "./checked-job.ts";
import { type CpuSpec, cpuDevicePart, cpuPart, cpuSpecOf } from "./cpu-power.ts";
import type { HeldHardware } from "./embodied.ts";
import { type DevicePart, devicePart, type HostPart, memoryPart, type PowerBand } from "./power.ts";

/** The job's power: one band per component, the factors and warnings behind them. */
export interface JobPower {
  /** The host CPUs (or, for a CPU-only job, the devices); null when none were given. */
  readonly cpu: CpuSpec | null;
  /** The devices' part. */
  readonly devices: DevicePart;
  /** Devices first, then host CPU and memory when given. */
  readonly bands: PowerBand[];
  /** Memory held, GB (an instance type's, or the input's). */
  readonly memoryGB: number | undefined;
  /** Factors so far (later stages append theirs). */
  readonly factors: Factor[];
  /** Warnings so far (later stages append theirs). */
  readonly warnings: string[];
}

const addHost = (part: HostPart | null, power: JobPower): void => {
  if (part === null) return;
  power.bands.push(part.band);
  appendAll(power.factors, part.factors);
  appendAll(power.warnings, part.warnings);
};

/** The bands of the checked job: its devices (accelerators, or CPUs for a CPU-only job), host CPU, memory. */
export const jobPowerOf = (dataset: Dataset, input: EstimateInput, job: CheckedJob): JobPower => {
  const { instance, cpuOnly } = job;
  const count = job.duration.count;
  const cpu = cpuSpecOf(dataset, input, job.cpuEntry, instance);
  const devices = cpuOnly
    ? cpuDevicePart(dataset, cpu as CpuSpec, input.cpuUtilization, count)
    : devicePart(dataset, input, job.entry, count);
  const memoryGB = instance === null ? input.memoryGB : instance.memoryGB * instance.count;
  const power: JobPower = { cpu, devices, bands: [devices.band], memoryGB, factors: [], warnings: [] };
  appendAll(power.factors, devices.factors);
  appendAll(power.warnings, devices.warnings);
  if (!cpuOnly) addHost(cpuPart(dataset, cpu, input.cpuUtilization), power);
  addHost(memoryPart(dataset, memoryGB), power);
  return power;
};

/** A catalog CPU named as the device (`hardware`), as the embodied stage counts it. */
const cpuAsDevices = (entry: HardwareEntry, count: number): CpuSpec => ({
  entry,
  by: "catalog",
  units: count,
  label: `${count} × ${entry.name}`,
  packages: count,
});

/** What the job holds, for the embodied stage: devices (or CPUs as devices), host CPU, memory, instance. */
export const heldHardwareOf = (job: CheckedJob, power: JobPower): HeldHardware => {
  const count = job.duration.count;
  return {
    entry: job.entry,
    count,
    cpuDevices: job.cpuOnly
      ? (power.cpu as CpuSpec)
      : job.entry?.kind === "cpu"
        ? cpuAsDevices(job.entry, count)
        : null,
    hostCpu: !job.cpuOnly && power.cpu !== null,
    memoryGB: power.memoryGB,
    instance: job.instance,
  };
};
