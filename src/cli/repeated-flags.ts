import type { Command } from "commander";
import type { Problem } from "../core/errors.ts";
import { repeated } from "../core/problems.ts";

/**
 * Single-value options given more than once before `--` (`--hours 1 --hours 2`): commander would keep
 * the last silently; mlco2 refuses. Boolean flags may repeat; the wrapped command after `--` is not read.
 */
export const repeatedFlagProblems = (argv: readonly string[], command: Command): Problem[] => {
  const single = new Set(
    command.options.filter((o) => (o.required || o.optional) && !o.variadic).map((o) => o.long ?? ""),
  );
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === "--") break;
    if (!token.startsWith("--")) continue;
    const eq = token.indexOf("=");
    const name = eq === -1 ? token : token.slice(0, eq);
    if (!single.has(name)) continue;
    const value = eq === -1 ? (argv[i + 1] ?? "") : token.slice(eq + 1);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const problems: Problem[] = [];
  for (const [name, given] of values) if (given.length > 1) problems.push(repeated(name, given));
  return problems;
};
