// Trackable resources as sacct prints them (AllocTRES): `billing=8,cpu=8,gres/gpu:a100=4,gres/gpu=4,mem=64G,node=1`.
import { ByteMemo } from "./byte-text.ts";
import { countAt, mibAt } from "./slurm-values.ts";

/** TRES that do not change a job's energy here: read and passed over. */
const PASSED_OVER = /^(billing|vmem|pages|fs\/.+|license\/.+|bb\/.+|ic\/.+|gres\/(gpumem|gpuutil)(:.*)?)$/;

const COMMA = 44;
const EQUALS = 61;

/** Names read without making a string; any other name is tested against PASSED_OVER. */
const Name = { Cpu: 0, Mem: 1, Node: 2, Energy: 3, Gpu: 4, TypedGpu: 5, Billing: 6, Other: 7 } as const;
type Name = (typeof Name)[keyof typeof Name];

const NAMES: readonly (readonly [Name, Uint8Array])[] = (
  [
    [Name.Cpu, "cpu"],
    [Name.Mem, "mem"],
    [Name.Node, "node"],
    [Name.Energy, "energy"],
    [Name.Gpu, "gres/gpu"],
    [Name.Billing, "billing"],
  ] as const
).map(([name, text]) => [name, Buffer.from(text, "latin1")] as const);
const TYPED_GPU = Buffer.from("gres/gpu:", "latin1");

const startsWith = (b: Uint8Array, s: number, e: number, prefix: Uint8Array): boolean => {
  if (e - s < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (b[s + i] !== prefix[i]) return false;
  return true;
};

const nameOf = (b: Uint8Array, s: number, e: number): Name => {
  for (const [name, text] of NAMES) if (e - s === text.length && startsWith(b, s, e, text)) return name;
  return startsWith(b, s, e, TYPED_GPU) ? Name.TypedGpu : Name.Other;
};

const indexOfByte = (b: Uint8Array, byte: number, s: number, e: number): number => {
  for (let i = s; i < e; i++) if (b[i] === byte) return i;
  return -1;
};

/** How a TRES string reads: whole, or with an entry the pricing does not know, or one that is not name=count. */
export type TresOutcome = "ok" | "unknown" | "malformed";

/**
 * Reads TRES strings; what the last one says, for pricing. Unknown kinds of resource (an accelerator
 * other than `gres/gpu`) and malformed entries are reported as such: a job is never priced without a
 * resource it holds. NaN stands for a resource the string does not name.
 */
export class TresReader {
  /** `cpu=`: CPUs allocated. */
  cpus = Number.NaN;
  /** `mem=`: memory allocated to the whole job, MiB. */
  memMiB = Number.NaN;
  /** `node=`: nodes. */
  nodes = Number.NaN;
  /** `energy=`: joules measured by Slurm's energy plugin (absent or 0: not recorded). */
  energyJ = Number.NaN;
  /** GPUs: `gres/gpu=N`, else the sum of typed `gres/gpu:TYPE=N`. */
  gpus = 0;
  /** GPU types named (`gres/gpu:a100=4` → "a100"). */
  readonly gpuTypes: string[] = [];
  /** After "unknown": the resource's name; after "malformed": the entry. */
  fault = "";
  private untypedGpus = -1;
  private typedGpus = 0;
  private readonly types = new ByteMemo((text) => text);
  private readonly passedOver = new ByteMemo((name) => PASSED_OVER.test(name));

  /** Reads the TRES string `b[s, e)`. */
  read(b: Uint8Array, s: number, e: number): TresOutcome {
    this.cpus = this.memMiB = this.nodes = this.energyJ = Number.NaN;
    this.gpus = 0;
    this.gpuTypes.length = 0;
    if (e === s) return "ok";
    this.untypedGpus = -1;
    this.typedGpus = 0;
    for (let start = s; start <= e; ) {
      let end = indexOfByte(b, COMMA, start, e);
      if (end === -1) end = e;
      const outcome = this.entry(b, start, end);
      if (outcome !== "ok") return outcome;
      start = end + 1;
    }
    this.gpus = this.untypedGpus >= 0 ? this.untypedGpus : this.typedGpus;
    return "ok";
  }

  /** Reads one entry `b[s, e)`. */
  private entry(b: Uint8Array, s: number, e: number): TresOutcome {
    const eq = indexOfByte(b, EQUALS, s, e);
    if (eq <= s) return this.fail("malformed", b, s, e);
    const name = nameOf(b, s, eq);
    if (name === Name.Mem) {
      const mib = mibAt(b, eq + 1, e);
      if (Number.isNaN(mib)) return this.fail("malformed", b, s, e);
      this.memMiB = mib;
      return "ok";
    }
    if (name === Name.Billing || (name === Name.Other && this.passedOver.get(b, s, eq))) return "ok";
    const n = countAt(b, eq + 1, e);
    if (Number.isNaN(n)) return this.fail("malformed", b, s, e);
    if (name === Name.Cpu) this.cpus = n;
    else if (name === Name.Node) this.nodes = n;
    else if (name === Name.Energy) this.energyJ = n;
    else if (name === Name.Gpu) this.untypedGpus = n;
    else if (name === Name.TypedGpu) {
      this.typedGpus += n;
      this.gpuTypes.push(this.types.get(b, s + TYPED_GPU.length, eq));
    } else return this.fail("unknown", b, s, eq);
    return "ok";
  }

  private fail(outcome: Exclude<TresOutcome, "ok">, b: Uint8Array, s: number, e: number): TresOutcome {
    this.fault = this.types.get(b, s, e);
    return outcome;
  }
}

/** What a job's TRES string says, for pricing (the shape of {@link tresOf}). */
export interface Tres {
  cpus?: number;
  memMiB?: number;
  nodes?: number;
  energyJ?: number;
  gpus: number;
  gpuTypes: string[];
}

/** Reads a TRES string: what it says, or the entry the pricing does not know, or one that is malformed. */
export const tresOf = (
  text: string,
): Tres | { readonly unknown: string } | { readonly malformed: string } => {
  const reader = new TresReader();
  const b = Buffer.from(text, "utf8");
  const outcome = reader.read(b, 0, b.length);
  if (outcome === "unknown") return { unknown: reader.fault };
  if (outcome === "malformed") return { malformed: reader.fault };
  const { cpus, memMiB, nodes, energyJ } = reader;
  return {
    gpus: reader.gpus,
    gpuTypes: [...reader.gpuTypes],
    ...(Number.isNaN(cpus) ? {} : { cpus }),
    ...(Number.isNaN(memMiB) ? {} : { memMiB }),
    ...(Number.isNaN(nodes) ? {} : { nodes }),
    ...(Number.isNaN(energyJ) ? {} : { energyJ }),
  };
};
