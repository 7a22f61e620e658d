// Builds the library entry points (dist/index.js, core, data, report, tracker, with shared chunks) and the
// CLI into dist/ with esbuild. The CLI is one bundle per command file (dist/commands/<name>.js, from
// src/cli/command-table.ts), each holding all the code and data its commands need and nothing else, and
// dist/cli.js, a few lines that start the bundle of the command being run: `mlco2 estimate` reads two
// files and parses no tracker, server or commander-registration code of other commands.
import { spawnSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";
import { build } from "esbuild";
import { asciiOnlyProblems } from "./lib/ascii-only.mjs";
import { commandBundles, commandEntryPlugin, lazyChildProcessPlugin } from "./lib/cli-bundles.mjs";
import { inlineStaticChunks } from "./lib/inline-chunks.mjs";
import { jsonDataPlugin } from "./lib/json-data-plugin.mjs";
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

// Bundled CommonJS (commander) calls require: the bundle gets one from node:module.
const requireBanner = {
  js: 'import { createRequire as __mlco2CreateRequire } from "node:module";\nconst require = __mlco2CreateRequire(import.meta.url);',
};

rmSync("dist", { recursive: true, force: true });
const library = await build({
  ...common,
  entryPoints: {
    index: "src/index.ts",
    core: "src/core/index.ts",
    data: "src/data/index.ts",
    report: "src/core/report/index.ts",
    tracker: "src/tracker/index.ts",
  },
  outdir: "dist",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  minifySyntax: true,
  plugins: [tgwfDataPlugin, migrationsPlugin],
  external,
  metafile: true,
  banner: requireBanner,
});

// The CLI's bundles: one esbuild build per command file, so that a command's bundle holds its own code
// and data and nothing of the others', and code only some of its runs need (estimate's --batch, report's
// merge) stays in chunks of its own, prefixed with the bundle's name. One process loads one bundle with
// its chunks, so no module runs twice. Chunks are ES modules, not esbuild's lazily initialised wrappers
// (which V8 parses twice: once to skip, once to run).
const commandBuild = (name, entry) =>
  build({
    ...common,
    entryPoints: { [name]: entry },
    outdir: "dist/commands",
    splitting: true,
    chunkNames: `${name}-[name]-[hash]`,
    minifySyntax: true,
    // Less text to read and scan at every start; names are kept (error messages and stack traces).
    minifyWhitespace: true,
    plugins: [
      commandEntryPlugin(resolve("src/cli")),
      lazyChildProcessPlugin,
      jsonDataPlugin,
      tgwfDataPlugin,
      migrationsPlugin,
    ],
    external,
    metafile: true,
    banner: requireBanner,
  });
const commands = await Promise.all([
  ...(await commandBundles()).map(async ({ name, entry }) => {
    const result = await commandBuild(name, entry);
    await inlineStaticChunks(result.metafile, `dist/commands/${name}.js`);
    return result;
  }),
  commandBuild("all", "src/cli/bin.ts"),
  // Beside the bundles, which start it with new URL("./batch-worker.js", import.meta.url).
  commandBuild("batch-worker", "src/batch/batch-worker.ts"),
]);
await build({ ...common, entryPoints: { cli: "src/cli/dispatch.ts" }, outdir: "dist", minifySyntax: true });

for (const { module, file } of filesBeside) {
  const outputs = [library, ...commands].flatMap((result) =>
    Object.entries(result.metafile.outputs).filter(([, output]) => module in output.inputs),
  );
  if (outputs.length === 0) throw new Error(`build: no bundle holds ${module}, which reads ${file}`);
  for (const [path] of outputs) copyFileSync(file, join(dirname(path), basename(file)));
}

// Non-ASCII source text makes V8 keep a script as two-byte text (twice the bytes to scan and hash):
// esbuild escapes it in strings, minifyWhitespace drops comments, and regular expressions are written
// with \u escapes. The CLI's bundles (what every start parses) must stay ASCII.
const nonAscii = asciiOnlyProblems(["dist/cli.js", "dist/commands"]);
if (nonAscii.length > 0) throw new Error(`build: non-ASCII bytes in ${nonAscii.join(", ")}`);

// Type declarations for library users (dist/types), from the same sources. Type errors are reported by
// `npm run typecheck`, not here.
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const types = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { encoding: "utf8" });
if (types.status !== 0) process.stderr.write(`build: declaration emit reported problems:\n${types.stdout}`);
