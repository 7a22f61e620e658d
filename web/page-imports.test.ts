// The page runs the pure code only: from src/ it imports the engine (src/core), the dataset (src/data)
// and the pure planning code (src/plan), never the planning sources (src/plan/sources: files, HTTP,
// cache), the CLI, the tracker or node:* modules.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PAGE = join(ROOT, "web", "src");

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });

const IMPORTS = [
  /(?:^|\n)\s*(?:import|export)[^"'`;]*?from\s+["']([^"']+)["']/g, // import … from "x"
  /(?:^|\n)\s*import\s+["']([^"']+)["']/g, // import "x"
  /import\(\s*["']([^"']+)["']\s*\)/g, // import("x")
];

const importsOf = (file: string): string[] => {
  const code = readFileSync(file, "utf8");
  return IMPORTS.flatMap((re) => [...code.matchAll(re)].map((m) => m[1] as string));
};

describe("the page imports pure code only", () => {
  for (const file of files(PAGE)) {
    it(relative(ROOT, file), () => {
      for (const specifier of importsOf(file)) {
        assert.ok(!specifier.startsWith("node:"), `${specifier} in ${file}`);
        if (!specifier.startsWith(".")) continue;
        const target = relative(ROOT, resolve(dirname(file), specifier));
        if (!target.startsWith("src/")) continue;
        assert.match(target, /^src\/(core|data|plan)\//, `${relative(ROOT, file)} imports ${target}`);
        assert.doesNotMatch(target, /^src\/plan\/sources\//, `${relative(ROOT, file)} imports ${target}`);
      }
    });
  }
});
