// Builds the CLI and the library entry points into dist/ with esbuild (one bundled file each).
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

import { rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
await build({
  ...common,
  entryPoints: {
    cli: "src/cli/bin.ts",
    index: "src/index.ts",
    core: "src/core/index.ts",
    data: "src/data/index.ts",
  },
  outdir: "dist",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  minifySyntax: true,
  plugins: [tgwfDataPlugin],
  banner: {
    js: 'import { createRequire as __mlco2CreateRequire } from "node:module";\nconst require = __mlco2CreateRequire(import.meta.url);',
  },
});
