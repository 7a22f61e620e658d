import type { BaseIssue } from "valibot";
import type { Problem } from "../errors.ts";
import { invalid } from "../problems.ts";

/** Dotted path of an issue, with array indices in brackets: `factors[2].value` ("" for the whole value). */
export const issuePath = (issue: BaseIssue<unknown>): string => {
  let path = "";
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === "number") path += `[${key}]`;
    else path += path === "" ? String(key) : `.${String(key)}`;
  }
  return path;
};

/**
 * The one adapter from schema issues (valibot) to mlco2 problems: code "invalid", the issue's path, and
 * its message (the schema's own wording, which names what is expected and what was received).
 *
 * @example
 * issuesToProblems(safeParse(EstimateResultSchema, {}).issues ?? [])[0] // { code: "invalid", path: "energyKWh", … }
 */
export const issuesToProblems = (
  issues: readonly [BaseIssue<unknown>, ...BaseIssue<unknown>[]],
  prefix = "",
): [Problem, ...Problem[]] => {
  const join = (path: string) => (prefix === "" ? path : path === "" ? prefix : `${prefix}.${path}`);
  const [first, ...rest] = issues.map((issue) => invalid(join(issuePath(issue)), issue.message));
  return [first as Problem, ...rest];
};
