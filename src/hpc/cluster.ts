// A cluster's hardware, PUE and location by partition and by node name: what sacct lines are priced with.
import type { CpuByTdp } from "../core/types.ts";
import { expandNodeList } from "./node-list.ts";
import { type LineProblem, lineProblem } from "./problems.ts";

/** Where a group of nodes is (the location fields of `mlco2 estimate`). */
export interface SpecLocation {
  readonly region?: string;
  readonly country?: string;
  readonly zone?: string;
  readonly intensity?: number;
  readonly year?: number;
}

/** The hardware of a group of nodes (a partition, or nodes matched by name), resolved against the catalog. */
export interface NodeSpec {
  /** What it is in the cluster file, for messages: `partition "gpu"`, `nodes "bigmem[01-04]"`, `flags`. */
  readonly label: string;
  /** Catalog GPU name, when the nodes have GPUs. */
  readonly gpu?: string;
  /** GPUs per node (a check on the jobs' allocations), when known. */
  readonly gpusPerNode?: number;
  /** The CPU as the engine takes it: a catalog name or a TDP. */
  readonly cpu: string | CpuByTdp;
  /** TDP per CPU package, W. */
  readonly cpuTdpW: number;
  /** CPU packages per node. */
  readonly sockets: number;
  /** CPUs per node as Slurm counts them (cores, or hardware threads where Slurm schedules threads). */
  readonly cpusPerNode: number;
  /** Whether cpusPerNode was given (else: sockets × the catalog CPU's cores, an assumption). */
  readonly cpusPerNodeGiven: boolean;
  /** Memory per node, GB, when given. */
  readonly memoryGBPerNode?: number;
  /** Location. */
  readonly location: SpecLocation;
  /** Facility PUE, when given (else the engine's choice for the location). */
  readonly pue?: number;
  /** Whether Slurm's measured energy (ConsumedEnergyRaw, TRES energy) replaces the model when present. */
  readonly slurmEnergy: "use" | "ignore";
}

/** Nodes matched by name. */
export interface NodeGroup {
  /** The pattern as written (a host list such as `gpu[001-016]`, or a glob such as `gpu*`). */
  readonly pattern: string;
  /** Whether a node name matches. */
  readonly matches: (node: string) => boolean;
  /** Their hardware. */
  readonly spec: NodeSpec;
}

/** A cluster: specs by partition, by node name, GPU types by gres name; or one spec for every job. */
export interface Cluster {
  /** By partition name. */
  readonly partitions: ReadonlyMap<string, NodeSpec>;
  /** By node name, checked before partitions, first match wins. */
  readonly nodes: readonly NodeGroup[];
  /** Catalog GPU names by gres type (`gres/gpu:a100` → "NVIDIA A100 SXM4 80GB"). */
  readonly gres: ReadonlyMap<string, string>;
  /** One spec for every job (a one-partition cluster described by flags), else null. */
  readonly every: NodeSpec | null;
  /** Where it was read from, for messages ("flags" or the file name). */
  readonly source: string;
}

/** A node pattern as a test: a host list (`gpu[001-004]`, exact names) or a glob with `*`. */
export const nodeMatcher = (pattern: string): ((node: string) => boolean) | null => {
  if (pattern.includes("*")) {
    const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
    const re = new RegExp(`^${escaped}$`);
    return (node) => re.test(node);
  }
  const names = expandNodeList(pattern);
  if (names === null) return null;
  const set = new Set(names);
  return (node) => set.has(node);
};

/** Node lists already matched (a cluster's jobs reuse few lists): bounded. */
const MATCH_MEMO_LIMIT = 10_000;

/** Finds the spec of a job from its partition and nodes; the problem when there is none, or several. */
export class SpecFinder {
  private readonly byNodes = new Map<string, NodeSpec | null | "mixed" | "bad">();

  constructor(private readonly cluster: Cluster) {}

  /** Whether a job's NodeList can decide its spec (the cluster describes nodes by name). */
  get readsNodes(): boolean {
    return this.cluster.every === null && this.cluster.nodes.length > 0;
  }

  /** The spec for a job on `partition` and `nodeList` (its line for problems). */
  specOf(partition: string, nodeList: string, line: number): NodeSpec | LineProblem {
    const cluster = this.cluster;
    if (cluster.every !== null) return cluster.every;
    if (cluster.nodes.length > 0 && nodeList !== "" && nodeList !== "None assigned") {
      const byNodes = this.nodeSpec(nodeList);
      if (byNodes === "bad")
        return lineProblem(line, "invalid", "NodeList", `"${nodeList}" is not a Slurm host list`);
      if (byNodes === "mixed")
        return lineProblem(
          line,
          "mixed-nodes",
          "NodeList",
          `the nodes of "${nodeList}" match different entries of ${cluster.source}; price them as one kind of node or split the pattern`,
        );
      if (byNodes !== null) return byNodes;
    }
    const spec = cluster.partitions.get(partition);
    if (spec !== undefined) return spec;
    const known = [...cluster.partitions.keys()];
    return lineProblem(
      line,
      "unknown-partition",
      "Partition",
      `"${partition}" is not described in ${cluster.source}${known.length > 0 ? ` (it has ${known.join(", ")})` : ""}; add [partitions.${/^[A-Za-z0-9_-]+$/.test(partition) ? partition : `"${partition}"`}]`,
    );
  }

  private nodeSpec(nodeList: string): NodeSpec | null | "mixed" | "bad" {
    const known = this.byNodes.get(nodeList);
    if (known !== undefined) return known;
    const names = expandNodeList(nodeList);
    let found: NodeSpec | null | "mixed" | "bad";
    if (names === null) found = "bad";
    else {
      const specs = new Set(names.map((n) => this.cluster.nodes.find((g) => g.matches(n))?.spec ?? null));
      found = specs.size === 1 ? ([...specs][0] as NodeSpec | null) : "mixed";
    }
    if (this.byNodes.size >= MATCH_MEMO_LIMIT) this.byNodes.clear();
    this.byNodes.set(nodeList, found);
    return found;
  }
}
