// A group of nodes' settings (from a cluster file's table or from flags) resolved against the catalog:
// names checked, CPUs per node and TDP known, the location accepted by the engine.
import { findHardware } from "../core/dataset-index.ts";
import type { Problem } from "../core/errors.ts";
import { unknownHardware } from "../core/estimate/hardware.ts";
import { tryEstimateWith } from "../core/estimate.ts";
import { required, wrongKind } from "../core/problems.ts";
import type { Dataset, EstimateInput } from "../core/types.ts";
import type { NodeSpec, SpecLocation } from "./cluster.ts";
import type { SpecTable } from "./cluster-schema.ts";

/** Renames a problem's path (the engine's field → the key in the file or the flag). */
const at = (problem: Problem, path: string): Problem => ({ ...problem, path });

const ACCELERATORS = new Set(["gpu", "tpu", "npu"]);

const gpuProblem = (dataset: Dataset, name: string, path: string): Problem | null => {
  const entry = findHardware(dataset, name);
  if (entry === undefined) return at(unknownHardware(dataset, "hardware", name), path);
  if (!ACCELERATORS.has(entry.kind)) return wrongKind(path, name, entry.kind, "a GPU or accelerator");
  return null;
};

/** A GPU name checked against the catalog (for `[gres]` entries): the problem, or null. */
export const checkGpuName = (dataset: Dataset, name: string, path: string): Problem | null =>
  gpuProblem(dataset, name, path);

/**
 * Resolves a table's settings into a spec: every problem found, each with the path of its key
 * (`prefix` + key, e.g. "partitions.gpu.cpu").
 */
export const resolveSpec = (
  dataset: Dataset,
  table: SpecTable,
  label: string,
  prefix: string,
): NodeSpec | Problem[] => {
  const problems: Problem[] = [];
  const key = (name: string) => (prefix === "" ? name : `${prefix}.${name}`);
  if (table.gpu !== undefined) {
    const problem = gpuProblem(dataset, table.gpu, key("gpu"));
    if (problem !== null) problems.push(problem);
  }
  const sockets = table.sockets ?? 1;
  let cpuTdpW = 0;
  let cores: number | undefined;
  if (table.cpu === undefined) {
    problems.push(required(key("cpu"), [], " (a CPU name from the catalog, or its TDP in watts)"));
  } else if (typeof table.cpu === "number") {
    cpuTdpW = table.cpu;
  } else {
    const entry = findHardware(dataset, table.cpu);
    if (entry === undefined) problems.push(at(unknownHardware(dataset, "cpu", table.cpu), key("cpu")));
    else if (entry.kind !== "cpu" && entry.kind !== "soc")
      problems.push(wrongKind(key("cpu"), table.cpu, entry.kind, "a CPU"));
    else {
      cpuTdpW = entry.tdpW;
      cores = entry.cores;
    }
  }
  const cpusPerNode = table.cpus_per_node ?? (cores === undefined ? undefined : cores * sockets);
  if (cpusPerNode === undefined && table.cpu !== undefined && problems.length === 0)
    problems.push(
      required(
        key("cpus_per_node"),
        [],
        " (CPUs per node as Slurm counts them; the CPU's core count is not known from a TDP)",
      ),
    );
  const location: SpecLocation = {
    ...(table.region === undefined ? {} : { region: table.region }),
    ...(table.country === undefined ? {} : { country: table.country }),
    ...(table.zone === undefined ? {} : { zone: table.zone }),
    ...(table.intensity === undefined ? {} : { intensity: table.intensity }),
    ...(table.year === undefined ? {} : { year: table.year }),
  };
  const probe: EstimateInput = { watts: 100, hours: 1, ...location, ...pueOf(table.pue) };
  const checked = tryEstimateWith(dataset, probe);
  if (!checked.ok) for (const p of checked.problems) problems.push(at(p, key(p.path)));
  if (problems.length > 0) return problems;
  return {
    label,
    ...(table.gpu === undefined ? {} : { gpu: table.gpu }),
    ...(table.gpus_per_node === undefined ? {} : { gpusPerNode: table.gpus_per_node }),
    cpu: typeof table.cpu === "number" ? { tdpW: table.cpu } : (table.cpu as string),
    cpuTdpW,
    sockets,
    cpusPerNode: cpusPerNode as number,
    cpusPerNodeGiven: table.cpus_per_node !== undefined,
    ...(table.memory_gb_per_node === undefined ? {} : { memoryGBPerNode: table.memory_gb_per_node }),
    location,
    ...pueOf(table.pue),
    slurmEnergy: table.slurm_energy ?? "use",
  };
};

const pueOf = (pue: number | undefined): { pue?: number } => (pue === undefined ? {} : { pue });
