// Trackable resources as sacct prints them (AllocTRES): `billing=8,cpu=8,gres/gpu:a100=4,gres/gpu=4,mem=64G,node=1`.
import { slurmMiB } from "./slurm-values.ts";

/** What a job's TRES string says, for pricing. */
export interface Tres {
  /** `cpu=`: CPUs allocated. */
  cpus?: number;
  /** `mem=`: memory allocated to the whole job, MiB. */
  memMiB?: number;
  /** `node=`: nodes. */
  nodes?: number;
  /** `energy=`: joules measured by Slurm's energy plugin (absent or 0: not recorded). */
  energyJ?: number;
  /** GPUs: `gres/gpu=N`, else the sum of typed `gres/gpu:TYPE=N`. */
  gpus: number;
  /** GPU types named (`gres/gpu:a100=4` → "a100"). */
  gpuTypes: string[];
}

/** TRES that do not change a job's energy here: read and passed over. */
const PASSED_OVER = /^(billing|vmem|pages|fs\/.+|license\/.+|bb\/.+|ic\/.+|gres\/(gpumem|gpuutil)(:.*)?)$/;

/** A TRES entry the pricing does not know (e.g. `gres/fpga=2`): the job is not priced without it. */
export interface UnknownTres {
  readonly unknown: string;
}

/** A TRES string that is not `name=value,…` (the entry at fault). */
export interface MalformedTres {
  readonly malformed: string;
}

/**
 * Reads a TRES string. Unknown kinds of resource (an accelerator other than `gres/gpu`) and malformed
 * entries are returned as such: a job is never priced without a resource it holds.
 */
export const tresOf = (text: string): Tres | UnknownTres | MalformedTres => {
  const tres: Tres = { gpus: 0, gpuTypes: [] };
  let untypedGpus = -1;
  let typedGpus = 0;
  if (text.length === 0) return tres;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(",", start);
    if (end === -1) end = text.length;
    const entry = text.slice(start, end);
    start = end + 1;
    const eq = entry.indexOf("=");
    if (eq <= 0) return { malformed: entry };
    const name = entry.slice(0, eq);
    const value = entry.slice(eq + 1);
    if (name === "mem") {
      const mib = slurmMiB(value);
      if (Number.isNaN(mib)) return { malformed: entry };
      tres.memMiB = mib;
      continue;
    }
    if (PASSED_OVER.test(name)) continue;
    if (!/^\d+$/.test(value)) return { malformed: entry };
    const n = Number(value);
    if (name === "cpu") tres.cpus = n;
    else if (name === "node") tres.nodes = n;
    else if (name === "energy") tres.energyJ = n;
    else if (name === "gres/gpu") untypedGpus = n;
    else if (name.startsWith("gres/gpu:")) {
      typedGpus += n;
      tres.gpuTypes.push(name.slice("gres/gpu:".length));
    } else return { unknown: name };
  }
  tres.gpus = untypedGpus >= 0 ? untypedGpus : typedGpus;
  return tres;
};
