// Test and bench helpers for the web calculator: the static server (scripts/serve-web.mjs, the same
// one `npm start` runs), a headless Debian Chromium, and the CLI's JSON for the same inputs.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

/** Repository root. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A running static server. */
export interface WebServer {
  /** Base URL, e.g. "http://127.0.0.1:41234/". */
  readonly url: string;
  /** Stops the server. */
  readonly stop: () => void;
}

/** Holds a directory lock while `work` runs: several test files build web/dist, one at a time. */
export const withBuildLock = async <T>(work: () => Promise<T>): Promise<T> => {
  const lock = `${ROOT}web/.build-lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than 5 minutes is left over from a killed run.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > 300_000) rmdirSync(lock);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmdirSync(lock);
  }
};

/** Starts scripts/serve-web.mjs on a free port (it builds web/dist first when needed, one process at a time). */
export const startServer = (): Promise<WebServer> => withBuildLock(spawnServer);

const spawnServer = (): Promise<WebServer> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ["scripts/serve-web.mjs", "--port", "0"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`serve-web did not print its URL within 120 s: ${out}`));
    }, 120_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ url: match[1], stop: () => child.kill() });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve-web exited with ${code}: ${out}`));
    });
  });

/** Launches the system Chromium headless (never a downloaded one). */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });

/** `mlco2 estimate … --format json` for the given flags, parsed. Builds dist/ first when missing. */
export const cliEstimate = (
  flags: readonly string[],
): { emissionsKg: number; energyKWh: number; [k: string]: unknown } => {
  if (!existsSync(`${ROOT}dist/cli.js`)) execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT });
  const out = execFileSync(process.execPath, ["dist/cli.js", "estimate", ...flags, "--format", "json"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return JSON.parse(out);
};

/**
 * Waits until the app runs (it sets `data-ready` on <html>): the default form is prerendered, so its
 * result is on screen before the script has loaded, and typing before then would be lost.
 */
export const waitForApp = async (page: Page): Promise<void> => {
  await page.locator("html[data-ready]").waitFor({ state: "attached" });
};
