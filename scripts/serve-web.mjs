// Serves the web calculator (web/dist) on localhost, building it first when it is missing or older than
// its sources. Responses are gzip- or brotli-compressed as the browser asks, so transfer sizes measured
// against this server are what a real static host would send.
//   node scripts/serve-web.mjs [--port 4173] [--host 127.0.0.1] [--no-build]
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const dist = join(root, "web", "dist");

const argValue = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
};

const SKIPPED = new Set([
  "dist",
  "dist-dashboard",
  "node_modules",
  "dashboard",
  "dashboard.html",
  "vite.dashboard.config.ts",
]);
const newestMtime = (dir) => {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    // The dashboard's build and sources are not the calculator's (web/vite.dashboard.config.ts builds them).
    if (SKIPPED.has(name) || name.endsWith(".test.ts")) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(path) : stat.mtimeMs);
  }
  return newest;
};

const needsBuild = () => {
  const index = join(dist, "index.html");
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return newestMtime(join(root, "web")) > built || newestMtime(join(root, "src")) > built;
};

if (!process.argv.includes("--no-build") && needsBuild()) {
  console.log("Building the web calculator (web/dist)…");
  const vite = join(root, "node_modules", "vite", "bin", "vite.js");
  const built = spawnSync(
    process.execPath,
    [vite, "build", "--config", "web/vite.config.ts", "--logLevel", "warn"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".svg", ".txt"]);

/** Files read and compressed once: the site is small and immutable while served. */
const cache = new Map();
const load = (path) => {
  let entry = cache.get(path);
  if (entry === undefined) {
    const body = readFileSync(path);
    const compress = COMPRESSIBLE.has(extname(path));
    entry = {
      body,
      br: compress ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : null,
      gzip: compress ? gzipSync(body, { level: 9 }) : null,
    };
    cache.set(path, entry);
  }
  return entry;
};

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  let path = normalize(join(dist, decodeURIComponent(url.pathname)));
  if (path !== dist && !path.startsWith(dist + sep)) {
    response.writeHead(403).end();
    return;
  }
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, "index.html");
  if (!existsSync(path)) {
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
    return;
  }
  const entry = load(path);
  const accepts = String(request.headers["accept-encoding"] ?? "");
  const headers = {
    "content-type": TYPES[extname(path)] ?? "application/octet-stream",
    "cache-control": path.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
    vary: "accept-encoding",
  };
  let body = entry.body;
  if (entry.br !== null && /\bbr\b/.test(accepts)) {
    body = entry.br;
    headers["content-encoding"] = "br";
  } else if (entry.gzip !== null && /\bgzip\b/.test(accepts)) {
    body = entry.gzip;
    headers["content-encoding"] = "gzip";
  }
  headers["content-length"] = String(body.length);
  response.writeHead(200, headers);
  response.end(request.method === "HEAD" ? undefined : body);
});

const host = argValue("--host", "127.0.0.1");
const port = Number(argValue("--port", "4173"));
server.on("error", (error) => {
  if (error.code === "EADDRINUSE" && port !== 0) {
    server.listen(0, host);
    return;
  }
  console.error(`serve-web: ${error.message}`);
  process.exit(1);
});
server.on("listening", () => {
  const address = server.address();
  console.log(`mlco2 web calculator: http://${host}:${address.port}/`);
});
server.listen(port, host);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
