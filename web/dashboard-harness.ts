// Test and bench helpers for the dashboard: its build (web/dist-dashboard, rebuilt when older than its
// sources, one process at a time), and the real team server started in this process (`startServer` of
// src/server/node.ts: PGlite in a temporary folder, 127.0.0.1, a free port) with tokens to read and
// ingest, plus the tracker's own log lines to send it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataset } from "../src/data/index.ts";
import type { StoreLocation } from "../src/server/node.ts";
import { startServer } from "../src/server/node.ts";
import { ROOT, startServer as startWebServer, withBuildLock } from "./harness.ts";

const newestMtime = (path: string): number => {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === "node_modules" || name.startsWith("dist") || name.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
};

/** Builds web/dist-dashboard when it is missing or older than what it is built from. */
export const buildDashboard = (): Promise<void> =>
  withBuildLock(async () => {
    const index = join(ROOT, "web", "dist-dashboard", "index.html");
    const built = statSync(index, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    const sources = ["web/src", "web/dashboard.html", "web/vite.dashboard.config.ts", "src/core"];
    if (existsSync(index) && sources.every((s) => newestMtime(join(ROOT, s)) <= built)) return;
    const vite = join(ROOT, "node_modules", "vite", "bin", "vite.js");
    const run = spawnSync(
      process.execPath,
      [vite, "build", "--config", "web/vite.dashboard.config.ts", "--logLevel", "warn"],
      { cwd: ROOT, stdio: "inherit" },
    );
    if (run.status !== 0) throw new Error(`the dashboard build failed (${run.status})`);
  });

/** Builds the calculator (web/dist) when it is stale, the way its own tests do (scripts/serve-web.mjs). */
export const buildCalculator = async (): Promise<void> => (await startWebServer()).stop();

/** A team server running in this process. */
export interface TeamServer {
  /** Base URL, e.g. http://127.0.0.1:41234/. */
  readonly url: string;
  /** The first admin token. */
  readonly admin: string;
  /** A new token for a project (created when missing). */
  token(project: string, scope: "ingest" | "read" | "admin"): Promise<string>;
  /** POSTs JSON under /api/v1 with a token; the answer's status and body. */
  post(
    path: string,
    token: string,
    body: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Stops it and removes its folder. */
  stop(): Promise<void>;
}

/** Starts `mlco2 serve`'s server in this process on a fresh PGlite folder (or the given store). */
export const startTeamServer = async (location?: StoreLocation): Promise<TeamServer> => {
  const folder = location === undefined ? mkdtempSync(join(tmpdir(), "mlco2-dashboard-")) : null;
  const server = await startServer({
    port: 0,
    location: location ?? { data: folder as string },
    dataset,
    now: () => new Date(),
    log: (line) => process.stderr.write(`[server] ${line}\n`),
  });
  if (server.adminToken === null) throw new Error("the store already had tokens: no admin token to use");
  const admin = server.adminToken;
  const post: TeamServer["post"] = async (path, token, body) => {
    const response = await fetch(`${server.url}api/v1/${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    url: server.url,
    admin,
    post,
    token: async (project, scope) => {
      const made = await post("tokens", admin, { project, scope });
      if (made.status !== 201) throw new Error(`token for ${project}: ${JSON.stringify(made.body)}`);
      return String(made.body.token);
    },
    stop: async () => {
      await server.close();
      if (folder !== null) rmSync(folder, { recursive: true, force: true });
    },
  };
};
