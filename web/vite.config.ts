import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";
import { compactGrid } from "./build/compact-grid.ts";
import { prerender } from "./build/prerender.ts";
import { serviceWorker } from "./build/service-worker.ts";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  homepage?: string;
  repository?: string | { url?: string };
};
const repository = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
/** The project's public page: package.json's homepage, else its repository, else the npm page. */
const projectUrl =
  pkg.homepage ??
  repository?.replace(/^git\+/, "").replace(/\.git$/, "") ??
  `https://www.npmjs.com/package/${pkg.name}`;
const define = { __MLCO2_PROJECT_URL__: JSON.stringify(projectUrl) };
/** What the page's modules need, in the browser build and in the prerender. */
const pagePlugins = () => [compactGrid(), preact()];

// The page is a static site: relative asset paths so any static host (or file server) can serve web/dist.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  define,
  plugins: [...pagePlugins(), prerender(pagePlugins, define), serviceWorker()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
