// The built package reads some data files at run time, beside its bundles (the generated CPU table): each
// must be in dist/ where the bundle looks for it, and in the files npm publishes. npm test builds first.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { it } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");

const bundles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "types" ? [] : bundles(path);
    return entry.name.endsWith(".js") ? [path] : [];
  });

/** `dist/…` paths of the files the bundles open with new URL("./file", import.meta.url). */
const filesBesideBundles = (): string[] =>
  bundles(dist).flatMap((bundle) =>
    [
      ...readFileSync(bundle, "utf8").matchAll(
        /new URL\("\.\/([\w.-]+\.(?:tsv|json))",\s*import\.meta\.url\)/g,
      ),
    ].map((match) => relative(root, join(bundle, "..", match[1] as string))),
  );

it("every data file a bundle reads beside itself is there and is published", () => {
  const files = filesBesideBundles();
  for (const expected of ["dist/chunks/cpus.generated.tsv", "dist/commands/cpus.generated.tsv"])
    assert.ok(files.includes(expected), `files read beside bundles: ${files.join(", ")}`);
  const packed = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: root,
    encoding: "utf8",
  });
  assert.equal(packed.status, 0, packed.stderr);
  const published = new Set(
    (JSON.parse(packed.stdout) as { files: { path: string }[] }[]).flatMap((p) => p.files.map((f) => f.path)),
  );
  for (const file of files) {
    assert.ok(existsSync(join(root, file)), `${file} is missing from dist/`);
    assert.ok(published.has(file), `${file} is not in the published files`);
  }
});

it("the built CLI prices a CPU of the generated table, read from beside the bundle", () => {
  const r = spawnSync(
    process.execPath,
    [
      join(dist, "cli.js"),
      "estimate",
      "--hardware",
      "AMD EPYC 7302P 16-Core Processor",
      "--hours",
      "10",
      "--country",
      "FR",
      "--format",
      "json",
    ],
    { encoding: "utf8" },
  );
  assert.equal(r.status, 0, r.stderr);
  const factors = JSON.parse(r.stdout).factors as { name: string; value: number; source: { id: string } }[];
  const tdp = factors.find((f) => f.name === "device TDP (AMD EPYC 7302P)");
  assert.equal(tdp?.value, 155);
  assert.equal(tdp?.source.id, "codecarbon-amd-specs-2026");
});

it("a command's bundle is one file: every chunk it imports statically is inlined (scripts/lib/inline-chunks.mjs)", () => {
  const commands = join(dist, "commands");
  const entries = readdirSync(commands).filter((name) => /^[a-z]+\.js$/.test(name) && name !== "all.js");
  assert.ok(entries.includes("estimate.js"), entries.join(", "));
  for (const entry of entries) {
    const text = readFileSync(join(commands, entry), "utf8");
    const staticImports = [...text.matchAll(/\bimport\s*(?:[\w*{][^;"(]*?from\s*)?"(\.\/[^"]+)"/g)];
    assert.deepEqual(
      staticImports.map((match) => match[1]),
      [],
      `${entry} imports chunks statically`,
    );
  }
});
