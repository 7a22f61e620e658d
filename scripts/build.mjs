// Builds the CLI and the library entry points into dist/ with esbuild (one bundled file each).
import { build } from "esbuild";

const common = { bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "warning", legalComments: "none" };

await build({
  ...common,
  entryPoints: { cli: "src/cli/bin.ts", index: "src/index.ts", core: "src/core/index.ts", data: "src/data/index.ts" },
  outdir: "dist",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  minifySyntax: true,
  banner: { js: "" },
});
