// Reads a cluster file (TOML) into a Cluster: TOML syntax, then the valibot schema, then names and
// locations against the dataset. Every problem carries the line of its key where the text shows it.
import { parse, TomlError } from "smol-toml";
import * as v from "valibot";
import type { Problem } from "../core/errors.ts";
import { issuesToProblems } from "../core/schemas/issues.ts";
import { closestNames } from "../core/suggest.ts";
import type { Dataset } from "../core/types.ts";
import { type Cluster, type NodeGroup, type NodeSpec, nodeMatcher } from "./cluster.ts";
import { type ClusterFile, ClusterFileSchema, KNOWN_KEYS, type SpecTable } from "./cluster-schema.ts";
import { keyLines, lineOf } from "./key-lines.ts";
import { checkGpuName, resolveSpec } from "./node-spec.ts";
import { type LineProblem, lineProblem } from "./problems.ts";

/** A cluster, or the problems of its file (each with a line: 0 when the text does not show one). */
export type ClusterOutcome =
  | { readonly ok: true; readonly cluster: Cluster }
  | { readonly ok: false; readonly problems: readonly LineProblem[] };

const withLine = (lines: ReadonlyMap<string, number>, problem: Problem): LineProblem => ({
  ...problem,
  line: lineOf(lines, problem.path) ?? 0,
});

/** "did you mean" for an unknown key. */
const withSuggestion = (problem: Problem): Problem => {
  if (!problem.message.startsWith("is not a cluster file key")) return problem;
  const key = problem.path.split(".").at(-1) ?? "";
  const [closest] = closestNames(key, KNOWN_KEYS, 1);
  return closest === undefined
    ? problem
    : { ...problem, message: `${problem.message}; did you mean ${closest}?` };
};

/** Settings of `[cluster]` under a table's own (the table wins). */
const merged = (base: SpecTable | undefined, own: SpecTable): SpecTable => {
  if (base === undefined) return own;
  const location = ["region", "country", "zone", "intensity"] as const;
  const ownHasLocation = location.some((k) => own[k] !== undefined);
  const inherited: Record<string, unknown> = { ...base };
  if (ownHasLocation) for (const k of location) delete inherited[k];
  return { ...(inherited as SpecTable), ...own };
};

/**
 * Reads the text of a cluster file named `source`.
 *
 * @example
 * readCluster(dataset, "[partitions.gpu]\ngpu = \"A100 SXM4 80GB\"\ncpu = \"EPYC 7763\"\ncountry = \"DE\"\n", "cluster.toml")
 */
export const readCluster = (dataset: Dataset, text: string, source: string): ClusterOutcome => {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split("\n")[0]?.replace(/^Invalid TOML document: /, "") ?? "invalid";
      return { ok: false, problems: [lineProblem(error.line, "not-toml", "", `not TOML: ${reason}`)] };
    }
    throw error;
  }
  const lines = keyLines(text);
  const parsed = v.safeParse(ClusterFileSchema, raw);
  if (!parsed.success)
    return {
      ok: false,
      problems: issuesToProblems(parsed.issues).map((p) => withLine(lines, withSuggestion(p))),
    };
  return resolveCluster(dataset, parsed.output, source, lines);
};

const resolveCluster = (
  dataset: Dataset,
  file: ClusterFile,
  source: string,
  lines: ReadonlyMap<string, number>,
): ClusterOutcome => {
  const problems: LineProblem[] = [];
  const partitions = new Map<string, NodeSpec>();
  const resolve = (table: SpecTable, label: string, prefix: string): NodeSpec | null => {
    const spec = resolveSpec(dataset, merged(file.cluster, table), label, prefix);
    if (!Array.isArray(spec)) return spec;
    for (const p of spec) problems.push(withLine(lines, p));
    return null;
  };
  for (const [name, table] of Object.entries(file.partitions ?? {})) {
    const spec = resolve(table, `partition "${name}"`, `partitions.${name}`);
    if (spec !== null) partitions.set(name, spec);
  }
  const nodes: NodeGroup[] = [];
  (file.nodes ?? []).forEach((table, i) => {
    const { match, ...rest } = table;
    const matches = nodeMatcher(match);
    if (matches === null) {
      problems.push(
        lineProblem(
          lineOf(lines, `nodes[${i}].match`) ?? 0,
          "invalid",
          `nodes[${i}].match`,
          `"${match}" is not a host list (gpu[001-016], node01,node02) or a glob (gpu*)`,
        ),
      );
      return;
    }
    const spec = resolve(rest, `nodes "${match}"`, `nodes[${i}]`);
    if (spec !== null) nodes.push({ pattern: match, matches, spec });
  });
  const gres = new Map<string, string>();
  for (const [type, name] of Object.entries(file.gres ?? {})) {
    const problem = checkGpuName(dataset, name, `gres.${type}`);
    if (problem === null) gres.set(type, name);
    else problems.push(withLine(lines, problem));
  }
  if (problems.length === 0 && partitions.size === 0 && nodes.length === 0)
    problems.push(
      lineProblem(
        1,
        "required",
        "partitions",
        "no partition or node group; add [partitions.NAME] (see mlco2 hpc init)",
      ),
    );
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, cluster: { partitions, nodes, gres, every: null, source } };
};

/** A one-partition cluster from flags (every job is priced with this spec); the problems otherwise. */
export const clusterFromTable = (dataset: Dataset, table: SpecTable): Cluster | Problem[] => {
  const spec = resolveSpec(dataset, table, "flags", "");
  if (Array.isArray(spec)) return spec;
  return { partitions: new Map(), nodes: [], gres: new Map(), every: spec, source: "flags" };
};
