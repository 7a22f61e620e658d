// The only Node adapter of the server: opens the store named by the flags (PGlite in a folder, guarded by
// a lock file, or PostgreSQL), makes the first admin token on an empty store, serves the app and the pages
// with @hono/node-server, exports OTLP when asked, and closes everything on SIGINT/SIGTERM.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import type { Dataset } from "../core/types.ts";
import { createApp } from "./app.ts";
import { startOtlpExport } from "./otlp.ts";
import type { RateLimit } from "./rate-limit.ts";
import { mountPages } from "./static-files.ts";
import { openPgliteStore } from "./store/pglite.ts";
import { openPostgresStore } from "./store/postgres.ts";
import type { Store } from "./store/store.ts";
import { makeToken } from "./tokens.ts";

/** The server's one error class for start-up failures (a busy folder, a port in use, no database). */
export class ServerError extends Error {
  /** Machine-readable kind. */
  readonly code: "data-in-use" | "listen-failed" | "store-failed";
  constructor(code: ServerError["code"], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ServerError";
    this.code = code;
  }
}

/** Where the data lives: a folder (PGlite) or a PostgreSQL URL. */
export type StoreLocation = { readonly data: string } | { readonly database: string };

/** An opened store and how to let it go. */
export interface OpenedStore {
  /** The store. */
  readonly store: Store;
  /** Says where it is, without passwords. */
  readonly description: string;
  /** Closes the store and releases the folder. */
  release(): Promise<void>;
}

const LOCK = "mlco2-server.lock";

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Takes the folder's lock (one process at a time: PGlite is single-process); stale locks are taken over. */
const lockFolder = (folder: string): (() => void) => {
  const path = join(folder, LOCK);
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, "utf8").trim());
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid))
      throw new ServerError(
        "data-in-use",
        `${folder} is in use by process ${pid} (an mlco2 server?); stop it first, or manage tokens through the running server's API (POST /api/v1/tokens with an admin token)`,
      );
  }
  writeFileSync(path, `${process.pid}\n`);
  return () => rmSync(path, { force: true });
};

/** Hides the password of a URL. */
export const redactUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable database URL)";
  }
};

/** Opens the store the flags name (migrations applied). */
export const openStore = async (location: StoreLocation, now: () => Date): Promise<OpenedStore> => {
  if ("database" in location) {
    try {
      const store = await openPostgresStore(location.database, now());
      return {
        store,
        description: `PostgreSQL at ${redactUrl(location.database)}`,
        release: () => store.close(),
      };
    } catch (error) {
      throw new ServerError(
        "store-failed",
        `cannot open PostgreSQL at ${redactUrl(location.database)}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const folder = resolve(location.data);
  mkdirSync(folder, { recursive: true });
  const unlock = lockFolder(folder);
  try {
    const store = await openPgliteStore(join(folder, "pglite"), now());
    return {
      store,
      description: `embedded PGlite in ${location.data}`,
      release: async () => {
        await store.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw new ServerError(
      "store-failed",
      `cannot open the data in ${location.data}: ${(error as Error).message}`,
      { cause: error },
    );
  }
};

/** The package root (the folder of mlco2's package.json), from this module's place in src/ or dist/. */
export const packageRoot = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && /"name":\s*"mlco2"/.test(readFileSync(manifest, "utf8"))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
};

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** Interface to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 8080; 0 picks a free one). */
  readonly port?: number;
  /** Where the data is. */
  readonly location: StoreLocation;
  /** OTLP/HTTP metrics endpoint, e.g. http://127.0.0.1:4318/v1/metrics. */
  readonly otlp?: string;
  /** OTLP export interval, ms (default 15,000). */
  readonly otlpIntervalMs?: number;
  /** Per-token rate limit. */
  readonly rateLimit?: RateLimit;
  /** The dataset. */
  readonly dataset: Dataset;
  /** The clock. */
  readonly now: () => Date;
  /** Server log lines (never tokens except the first admin token, which the caller prints). */
  readonly log: (line: string) => void;
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8080/. */
  readonly url: string;
  /** The admin token made on first start of an empty store (null otherwise). Show it once. */
  readonly adminToken: string | null;
  /** Where the data is. */
  readonly storeDescription: string;
  /** Whether the calculator and the dashboard builds were found. */
  readonly pages: { readonly calculator: boolean; readonly dashboard: boolean };
  /** Stops serving and closes the store. */
  close(): Promise<void>;
}

type NodeServer = ReturnType<typeof serve>;

/** On a store with no token yet: an admin token for the `default` project, returned once; else null. */
const firstAdminToken = async (store: Store, now: () => Date): Promise<string | null> => {
  if ((await store.countTokens()) !== 0) return null;
  const made = makeToken();
  await store.createToken({
    id: made.id,
    hash: made.hash,
    projectName: "default",
    scope: "admin",
    label: "first start",
    at: now(),
  });
  return made.token;
};

/** Listens on host:port; a port that cannot be had is a {@link ServerError} `listen-failed`. */
const listen = async (
  fetch: (request: Request) => Response | Promise<Response>,
  host: string,
  port: number,
) => {
  try {
    return await new Promise<NodeServer>((resolvePromise, reject) => {
      const s = serve({ fetch, hostname: host, port }, () => resolvePromise(s));
      s.once("error", reject);
    });
  } catch (error) {
    throw new ServerError(
      "listen-failed",
      `cannot listen on ${host}:${port} (${(error as NodeJS.ErrnoException).code ?? error})`,
      { cause: error },
    );
  }
};

/** Releases the store when `step` fails, then rethrows. */
const orRelease = async <T>(step: () => Promise<T>, release: () => Promise<void>): Promise<T> => {
  try {
    return await step();
  } catch (error) {
    await release();
    throw error;
  }
};

/** The OTLP export of the store's figures, when a URL was given. */
const otlpOf = (options: ServerOptions, store: Store) =>
  options.otlp === undefined
    ? null
    : startOtlpExport({
        url: options.otlp,
        store,
        now: options.now,
        intervalMs: options.otlpIntervalMs ?? 15_000,
        log: options.log,
      });

/** Closes once, however often asked: connections, then the export, then the store. */
const closerOf = (
  server: NodeServer,
  otlp: { shutdown(): Promise<void> } | null,
  release: () => Promise<void>,
) => {
  let closing: Promise<void> | null = null;
  return () => {
    closing ??= (async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      await otlp?.shutdown();
      await release();
    })();
    return closing;
  };
};

/** Starts serving; rejects with a {@link ServerError} when the store or the port cannot be had. */
export const startServer = async (options: ServerOptions): Promise<RunningServer> => {
  const opened = await openStore(options.location, options.now);
  const { store, release } = { store: opened.store, release: () => opened.release() };
  const adminToken = await orRelease(() => firstAdminToken(store, options.now), release);
  const app = createApp({
    store,
    dataset: options.dataset,
    now: options.now,
    log: options.log,
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  });
  const root = packageRoot();
  const pages = mountPages(app, {
    calculator: join(root, "web", "dist"),
    dashboard: join(root, "web", "dist-dashboard"),
  });
  const host = options.host ?? "127.0.0.1";
  const server = await orRelease(() => listen(app.fetch, host, options.port ?? 8080), release);
  // Long keep-alive: clients reuse connections between batches, and a server closing an idle connection
  // just as a client reuses it shows up as ECONNRESET (retried, but wasted) under load.
  if ("keepAliveTimeout" in server) {
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/`,
    adminToken,
    storeDescription: opened.description,
    pages,
    close: closerOf(server, otlpOf(options, store), release),
  };
};

/**
 * Serves until SIGINT or SIGTERM, then closes gracefully (a second signal exits at once). Resolves when
 * closed. `onStart` is called once serving.
 */
export const serveUntilSignal = async (
  options: ServerOptions,
  onStart: (server: RunningServer) => void,
): Promise<void> => {
  const server = await startServer(options);
  onStart(server);
  await new Promise<void>((done) => {
    const stop = () => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.off(signal, stop);
        process.once(signal, () => process.exit(130));
      }
      options.log("stopping");
      void server.close().then(done, done);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
};
