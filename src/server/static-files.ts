// Static pages for the Node server: the calculator (web/dist) at /calculator/ and the dashboard
// (web/dist-dashboard, or a placeholder until it is built) at /. Files are read once and kept.
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import type { Hono } from "hono";
import type { AppEnv } from "./auth.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

/** Headers of every page: no third-party anything. */
const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
};

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mlco2 server</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<h1>mlco2 server</h1>
<p>The dashboard is not built in this copy of mlco2. The server is running:</p>
<ul>
<li>API: <code>/api/v1</code> (every request needs <code>Authorization: Bearer &lt;token&gt;</code>; see docs/server.md)</li>
<li>Prometheus metrics: <code>/metrics</code> (read token)</li>
<li><a href="calculator/">The calculator</a></li>
</ul>
</body></html>
`;

/** Serves files under `root` at `prefix` (index.html for folders); false when the folder is missing. */
const mountFolder = (app: Hono<AppEnv>, prefix: string, root: string): boolean => {
  if (!existsSync(join(root, "index.html"))) return false;
  const cache = new Map<string, Buffer | null>();
  const load = (path: string): Buffer | null => {
    if (!cache.has(path))
      cache.set(path, existsSync(path) && statSync(path).isFile() ? readFileSync(path) : null);
    return cache.get(path) ?? null;
  };
  app.get(`${prefix}*`, (c, next) => {
    const rest = decodeURIComponent(c.req.path.slice(prefix.length));
    let path = normalize(join(root, rest));
    if (path !== root && !path.startsWith(root + sep)) return next();
    if (rest === "" || rest.endsWith("/")) path = join(path, "index.html");
    const body = load(path);
    if (body === null) return next();
    return c.body(new Uint8Array(body), 200, {
      "content-type": TYPES[extname(path)] ?? "application/octet-stream",
      "cache-control": path.includes(`${sep}assets${sep}`)
        ? "public, max-age=31536000, immutable"
        : "no-cache",
      ...PAGE_HEADERS,
    });
  });
  return true;
};

/** Where the pages are: the package's web/dist and web/dist-dashboard. */
export interface PageFolders {
  /** The calculator's build. */
  readonly calculator: string;
  /** The dashboard's build. */
  readonly dashboard: string;
}

/** Mounts the calculator at /calculator/ and the dashboard (or the placeholder) at /. */
export const mountPages = (
  app: Hono<AppEnv>,
  folders: PageFolders,
): { calculator: boolean; dashboard: boolean } => {
  app.get("/calculator", (c) => c.redirect("/calculator/", 308));
  const calculator = mountFolder(app, "/calculator/", folders.calculator);
  const dashboard = mountFolder(app, "/", folders.dashboard);
  if (!dashboard) app.get("/", (c) => c.html(PLACEHOLDER, 200, PAGE_HEADERS));
  return { calculator, dashboard };
};
