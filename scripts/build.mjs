// Builds the CLI and the library entry points into dist/ with esbuild (one bundled file each).
import { spawnSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { build } from "esbuild";
import { tgwfDataPlugin } from "./tgwf-data-plugin.mjs";

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  legalComments: "none",
};

// The server's SQL migrations are embedded: src/server/store/migrations.ts reads the folder at run time
// from the sources, and the bundle gets the same files as a literal.
const migrationsPlugin = {
  name: "mlco2-migrations",
  setup(build) {
    build.onLoad({ filter: /[\\/]server[\\/]store[\\/]migrations\.ts$/ }, () => {
      const dir = "src/server/store/migrations";
      const files = readdirSync(dir)
        .filter((name) => /^\d{3}_[a-z0-9_]+\.sql$/.test(name))
        .sort()
        .map((name) => ({
          version: Number(name.slice(0, 3)),
          name: name.slice(4, -4),
          sql: readFileSync(`${dir}/${name}`, "utf8"),
        }));
      return { contents: `export const loadMigrations = () => ${JSON.stringify(files)};`, loader: "js" };
    });
  },
};

// Server packages stay outside the bundle: PGlite loads its WebAssembly and data files next to its own
// module, and the others are plain dependencies.
const external = [
  "@electric-sql/pglite",
  "@hono/node-server",
  "@opentelemetry/*",
  "hono",
  "postgres",
  "prom-client",
];

// Data files read at run time with readFileSync(new URL("./<file>", import.meta.url)) from the module named:
// each is copied next to every bundle that holds that module's code (a lookup table no command compiles).
const filesBeside = [
  { module: "src/data/hardware/cpu-table-file.ts", file: "src/data/hardware/cpus.generated.tsv" },
];

rmSync("dist", { recursive: true, force: true });
const result = await build({
  ...common,
  entryPoints: {
    cli: "src/cli/bin.ts",
    index: "src/index.ts",
    core: "src/core/index.ts",
    data: "src/data/index.ts",
    report: "src/core/report/index.ts",
    tracker: "src/tracker/index.ts",
    // Beside the chunk of the batch command, which starts it with new URL("./batch-worker.js", import.meta.url).
    "chunks/batch-worker": "src/batch/batch-worker.ts",
  },
  outdir: "dist",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  minifySyntax: true,
  plugins: [tgwfDataPlugin, migrationsPlugin],
  external,
  metafile: true,
  banner: {
    js: 'import { createRequire as __mlco2CreateRequire } from "node:module";\nconst require = __mlco2CreateRequire(import.meta.url);',
  },
});

for (const { module, file } of filesBeside) {
  const outputs = Object.entries(result.metafile.outputs).filter(([, output]) => module in output.inputs);
  if (outputs.length === 0) throw new Error(`build: no bundle holds ${module}, which reads ${file}`);
  for (const [path] of outputs) copyFileSync(file, join(dirname(path), basename(file)));
}

// Type declarations for library users (dist/types), from the same sources. Type errors are reported by
// `npm run typecheck`, not here.
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const types = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { encoding: "utf8" });
if (types.status !== 0) process.stderr.write(`build: declaration emit reported problems:\n${types.stdout}`);
