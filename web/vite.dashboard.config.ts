import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import type { Plugin } from "vite";
import { defineConfig } from "vite";

/** The page's file is dashboard.html in web/; the server serves the build's index.html at /. */
const asIndexHtml = (): Plugin => ({
  name: "mlco2-dashboard-index",
  enforce: "post",
  generateBundle(_options, bundle) {
    const page = bundle["dashboard.html"];
    if (page === undefined || page.type !== "asset") return;
    delete bundle["dashboard.html"];
    this.emitFile({ type: "asset", fileName: "index.html", source: page.source });
  },
});

// The dashboard is its own build (web/dist-dashboard), apart from the calculator's: nothing it imports
// can move into the calculator's chunks or first load. Relative base: served at the server's root.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  plugins: [preact(), asIndexHtml()],
  build: {
    outDir: "dist-dashboard",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rollupOptions: { input: fileURLToPath(new URL("dashboard.html", import.meta.url)) },
  },
});
