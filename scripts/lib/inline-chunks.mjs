// After a command's build with code splitting: merges the entry with the chunks it imports statically
// (what every run of the command loads) into the entry's one file, and points the command's other chunks
// (loaded by some runs only: estimate --batch, report's merge) at that file instead. A run then reads one
// file where it read six; no module is duplicated, so no code runs twice.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { build } from "esbuild";

/** The chunks `entry` imports statically, directly or through another chunk (paths as in the metafile). */
const staticClosure = (outputs, entry) => {
  const closure = new Set();
  const stack = [entry];
  while (stack.length > 0) {
    for (const { path, kind, external } of outputs[stack.pop()]?.imports ?? [])
      if (kind === "import-statement" && external !== true && !closure.has(path)) {
        closure.add(path);
        stack.push(path);
      }
  }
  return closure;
};

/** Fails when two merged chunks export one name (the merged file could not export both). */
const checkExportNames = (outputs, closure) => {
  const owner = new Map();
  for (const chunk of closure)
    for (const name of outputs[chunk].exports) {
      if (owner.has(name))
        throw new Error(`inline-chunks: ${name} is exported by ${owner.get(name)} and ${chunk}`);
      owner.set(name, chunk);
    }
};

/** Bundles the relative imports of the merge (the entry and its chunks); everything else stays external. */
const onlyThese = (files) => ({
  name: "mlco2-inline-only",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      const path = resolve(args.resolveDir, args.path);
      return args.path.startsWith("./") && files.has(path) ? { path } : { path: args.path, external: true };
    });
  },
});

/**
 * Merges `entry` (a path in `metafile.outputs`) with its static chunks. The entry must not await at its
 * top level: the other chunks import from it while it runs.
 */
export const inlineStaticChunks = async (metafile, entry) => {
  const { outputs } = metafile;
  const closure = staticClosure(outputs, entry);
  if (closure.size === 0) return;
  checkExportNames(outputs, closure);
  const dir = dirname(entry);
  const chunks = [...closure];
  // The entry first: it evaluates its chunks in its own order; the chunks' exports are re-exported for
  // the chunks that stay separate.
  const contents = [entry, ...chunks]
    .map((path, i) => (i === 0 ? `import "./${basename(path)}";` : `export * from "./${basename(path)}";`))
    .join("\n");
  const merged = await build({
    stdin: { contents, resolveDir: resolve(dir), sourcefile: "inline-chunks.js", loader: "js" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: "none",
    logLevel: "warning",
    plugins: [onlyThese(new Set([entry, ...chunks].map((path) => resolve(path))))],
  });
  writeFileSync(entry, merged.outputFiles[0]?.text ?? "");
  for (const chunk of chunks) rmSync(chunk);
  const rest = Object.keys(outputs).filter(
    (path) => path !== entry && !closure.has(path) && path.endsWith(".js"),
  );
  for (const path of rest) {
    let text = readFileSync(path, "utf8");
    for (const chunk of chunks) text = text.replaceAll(`"./${basename(chunk)}"`, `"./${basename(entry)}"`);
    writeFileSync(path, text);
  }
};
