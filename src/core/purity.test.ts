// The engine must run unchanged in Node and in the browser: no node:* modules, DOM, network, process,
// clock or console in src/core, nor in the pure planning code of src/plan (its I/O lives in
// src/plan/sources; tests and comments excepted).
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const impure = new Set([join(root, "plan", "sources")]);
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return impure.has(path) ? [] : files(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") && name !== "fixture-dataset.ts" ? [path] : [];
  });

const forbidden: [RegExp, string][] = [
  [/from\s+["']node:/, "node:* import"],
  [/\bprocess\./, "process"],
  [/\bconsole\./, "console"],
  [/\bDate\.now\b|\bnew Date\(/, "clock"],
  [/\bfetch\(/, "network"],
  [/\b(document|window|localStorage)\./, "DOM"],
];

describe("src/core and src/plan are pure", () => {
  for (const file of [...files(join(root, "core")), ...files(join(root, "plan"))]) {
    it(file.slice(root.length), () => {
      const code = readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
        .join("\n");
      for (const [pattern, what] of forbidden) assert.doesNotMatch(code, pattern, `${what} in ${file}`);
    });
  }
});
