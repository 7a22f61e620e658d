// Static pages for the Node server: the calculator (web/dist) at /calculator/ and the dashboard
// (web/dist-dashboard, or a placeholder until it is built) at /. Files are read once and kept.
import { createHash } from "node:crypto";
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

/**
 * CSP hash sources of a page's inline scripts (the calculator's prerendered page has two): base64
 * SHA-256 of each script's text, so they run while every other inline script stays blocked.
 *
 * @example
 * inlineScriptHashes("<script>alert('Hello, world.');</script>") // ["'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"]
 */
export const inlineScriptHashes = (html: string): string[] =>
  [...html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (m) =>
      `'sha256-${createHash("sha256")
        .update(m[1] ?? "", "utf8")
        .digest("base64")}'`,
  );

/** Headers of every page: no third-party anything; scripts from the server, or inline ones it serves. */
export const pageHeaders = (scriptHashes: readonly string[] = []): Record<string, string> => ({
  "content-security-policy": `default-src 'self'; script-src ${["'self'", ...scriptHashes].join(" ")}; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'`,
  "referrer-policy": "no-referrer",
});

const PAGE_HEADERS = pageHeaders();

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
  const cache = new Map<string, { body: Buffer; headers: Record<string, string> } | null>();
  const load = (path: string) => {
    if (!cache.has(path)) {
      const body = existsSync(path) && statSync(path).isFile() ? readFileSync(path) : null;
      const headers =
        body !== null && extname(path) === ".html"
          ? pageHeaders(inlineScriptHashes(body.toString("utf8")))
          : PAGE_HEADERS;
      cache.set(path, body === null ? null : { body, headers });
    }
    return cache.get(path) ?? null;
  };
  app.get(`${prefix}*`, (c, next) => {
    const rest = decodeURIComponent(c.req.path.slice(prefix.length));
    let path = normalize(join(root, rest));
    if (path !== root && !path.startsWith(root + sep)) return next();
    if (rest === "" || rest.endsWith("/")) path = join(path, "index.html");
    const file = load(path);
    if (file === null) return next();
    return c.body(new Uint8Array(file.body), 200, {
      "content-type": TYPES[extname(path)] ?? "application/octet-stream",
      "cache-control": path.includes(`${sep}assets${sep}`)
        ? "public, max-age=31536000, immutable"
        : "no-cache",
      ...file.headers,
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
