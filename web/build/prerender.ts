// Build-time plugin: renders the default form and its result (web/src/prerender.tsx, through Vite's
// SSR loader with the page's own plugins) into index.html, so a first visit shows the result as soon
// as the HTML and the stylesheet are in, before the script has loaded; the script then hydrates it. A
// permalink (a query string) hides the prerendered form until the script renders its own inputs.
import { fileURLToPath } from "node:url";
import { createServer, type Plugin, type PluginOption } from "vite";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PLACEHOLDER = '<div id="app"></div>';

/** Marks the first result for the prerendered default form: the frame after it is in the DOM. */
const MARK_SCRIPT =
  '<script>if(location.search.length<=1){performance.mark("mlco2:first-result-committed");requestAnimationFrame(function(){setTimeout(function(){performance.mark("mlco2:first-result")},0)})}</script>';

/** Renders web/src/prerender.tsx with the given plugins and defines, in a throwaway SSR server. */
export const prerenderedApp = async (
  plugins: PluginOption[],
  define: Record<string, string>,
): Promise<string> => {
  const server = await createServer({
    configFile: false,
    root: ROOT,
    plugins,
    define,
    logLevel: "error",
    appType: "custom",
    server: { middlewareMode: true, hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const module = (await server.ssrLoadModule("/src/prerender.tsx")) as { prerender: () => string };
    return module.prerender();
  } finally {
    await server.close();
  }
};

/** Vite plugin putting the prerendered page into index.html (build only). */
export const prerender = (plugins: () => PluginOption[], define: Record<string, string>): Plugin => ({
  name: "mlco2-prerender",
  apply: "build",
  async transformIndexHtml(html) {
    if (!html.includes(PLACEHOLDER)) throw new Error(`index.html has no ${PLACEHOLDER} to prerender into`);
    const body = await prerenderedApp(plugins(), define);
    return html.replace(PLACEHOLDER, `<div id="app" data-prerendered>${body}</div>${MARK_SCRIPT}`);
  },
});
