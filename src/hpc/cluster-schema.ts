// The cluster file's shape, validated with valibot (the one validator at every boundary). Unknown keys
// are refused with the closest known key: a typo must not silently drop a setting.
import * as v from "valibot";
import { between, text, wholeBetween } from "../core/schemas/numbers.ts";

const received = (issue: { input: unknown }): string =>
  typeof issue.input === "string" ? `"${issue.input}"` : String(issue.input);

/** Keys that describe a group of nodes; all optional here (what is required is checked after merging). */
export const SPEC_KEYS = {
  gpu: v.optional(text("a GPU name from the catalog (mlco2 hardware --kind gpu)")),
  gpus_per_node: v.optional(wholeBetween(1, 1024)),
  cpu: v.optional(
    v.union(
      [text(), between(1, 2000)],
      (issue) =>
        `${received(issue)} is not allowed; expected a CPU name from the catalog or its TDP in watts`,
    ),
  ),
  sockets: v.optional(wholeBetween(1, 64)),
  cpus_per_node: v.optional(wholeBetween(1, 1_000_000)),
  memory_gb_per_node: v.optional(between(0, 1_000_000)),
  region: v.optional(text("a cloud region provider:region")),
  country: v.optional(text("a country code")),
  zone: v.optional(text("a grid zone")),
  intensity: v.optional(between(0, 2000, "gCO2eq/kWh from 0 to 2000")),
  year: v.optional(wholeBetween(1990, 2100)),
  pue: v.optional(between(1, 3)),
  slurm_energy: v.optional(
    v.picklist(["use", "ignore"], (issue) => `${received(issue)} is not allowed; expected "use" or "ignore"`),
  ),
} as const;

/** Every key a table may have, for "did you mean". */
export const KNOWN_KEYS = [...Object.keys(SPEC_KEYS), "match"];

const unknownKey = (issue: { input: unknown }) => `is not a cluster file key (${received(issue)})`;

const specTable = v.strictObject(SPEC_KEYS, unknownKey);
const nodesTable = v.strictObject(
  { ...SPEC_KEYS, match: text("a node name pattern such as gpu[001-016] or gpu*") },
  unknownKey,
);

/** The whole file. */
export const ClusterFileSchema = v.strictObject(
  {
    cluster: v.optional(specTable),
    partitions: v.optional(v.record(v.string(), specTable)),
    nodes: v.optional(v.array(nodesTable)),
    gres: v.optional(v.record(v.string(), text("a GPU name from the catalog"))),
  },
  (issue) =>
    `is not a table of a cluster file (${received(issue)}); use [cluster], [partitions.NAME], [[nodes]] or [gres]`,
);

/** The file as validated. */
export type ClusterFile = v.InferOutput<typeof ClusterFileSchema>;

/** One table's keys as validated. */
export type SpecTable = v.InferOutput<typeof specTable>;
