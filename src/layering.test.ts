// Layers read one way. Each folder of src/ may import only the folders listed for it (relative imports,
// resolved); packages are free except where named. A new import across layers shows up here.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";

const SRC = resolve("src");

/** Single files a layer may import besides its folders: the dataset's record types are core's input. */
const ALLOWED_FILES: Record<string, readonly string[]> = { core: ["data/types.ts"] };

/** Folder → the src folders it may import from (itself always allowed). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  data: ["core"],
  batch: ["core", "data"],
  plan: ["core", "data"],
  tracker: ["core", "data", "plan"],
  server: ["core", "data", "batch", "tracker", "plan"],
  client: ["core", "tracker"],
  hpc: ["core", "data", "batch"],
  import: ["core", "data"],
  cli: ["core", "data", "batch", "plan", "tracker", "server", "client", "hpc", "import"],
};
/** Packages a folder must not import. */
const FORBIDDEN_PACKAGES: Record<string, readonly string[]> = {
  core: ["commander", "preact", "hono"],
  batch: ["commander"],
  plan: ["commander"],
  tracker: ["commander"],
  server: ["commander"],
  hpc: ["commander"],
  import: ["commander"],
  client: ["commander", "hono"],
};

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "fixtures" ? [] : files(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });

const layerOf = (path: string): string => relative(SRC, path).split("/")[0] ?? "";

const importsOf = (file: string): string[] =>
  [
    ...readFileSync(file, "utf8").matchAll(/(?:^|\n)\s*(?:import|export)[^"'`;]*?from\s+["']([^"']+)["']/g),
  ].map((m) => m[1] as string);

describe("layers import one way", () => {
  for (const file of files(SRC)) {
    const layer = layerOf(file);
    const allowed = ALLOWED[layer];
    if (allowed === undefined) continue; // top-level entry files (src/index.ts) may gather every layer
    it(relative(SRC, file), () => {
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith(".")) {
          const targetPath = resolve(dirname(file), specifier);
          const target = layerOf(targetPath);
          assert.ok(
            target === layer ||
              allowed.includes(target) ||
              (ALLOWED_FILES[layer] ?? []).includes(relative(SRC, targetPath)),
            `${relative(SRC, file)} imports ${specifier}: ${layer} may not import ${target}`,
          );
        } else {
          const pkg = specifier.startsWith("@")
            ? specifier.split("/").slice(0, 2).join("/")
            : specifier.split("/")[0];
          assert.ok(
            !(FORBIDDEN_PACKAGES[layer] ?? []).includes(pkg ?? ""),
            `${relative(SRC, file)} imports ${specifier}: ${layer} may not use ${pkg}`,
          );
        }
      }
    });
  }
});
