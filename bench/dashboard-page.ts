// The dashboard's first render in a real Chromium against a running server (used by server.bench.ts with
// its seeded project): navigation → a project's totals and runs list on screen (the page's
// "mlco2:dashboard-overview" mark), and → a run's power chart drawn ("mlco2:dashboard-chart"), each load
// in a fresh browser context (cold cache), on this machine and on an emulated mid-range phone (4× CPU,
// 9 Mbit/s, 60 ms round trip), with the bytes transferred. The server sends files uncompressed.
import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser } from "../web/harness.ts";

const LOADS = 7;
const PHONE = { cpuSlowdown: 4, bitsPerS: 9e6, latencyMs: 60, viewport: { width: 390, height: 844 } };

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const contextWith = async (browser: Browser, token: string, phone: boolean): Promise<BrowserContext> => {
  const context = await browser.newContext(phone ? { viewport: PHONE.viewport } : {});
  await context.addInitScript((t) => {
    if (location.protocol === "http:") sessionStorage.setItem("mlco2-dashboard-token", t);
  }, token);
  return context;
};

/** One cold load of `url`: ms from navigation to `mark`, and bytes transferred by then. */
const load = async (browser: Browser, token: string, url: string, mark: string, phone: boolean) => {
  const context = await contextWith(browser, token, phone);
  const page = await context.newPage();
  if (phone) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: PHONE.cpuSlowdown });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: PHONE.latencyMs,
      downloadThroughput: PHONE.bitsPerS / 8,
      uploadThroughput: PHONE.bitsPerS / 8,
    });
  }
  await page.goto(url);
  await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 60_000 });
  const result = await page.evaluate((m) => {
    const at = performance.getEntriesByName(m)[0]?.startTime ?? Number.NaN;
    let bytes = (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).transferSize;
    for (const e of performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      if (e.startTime < at) bytes += e.transferSize;
    return { ms: at, bytes };
  }, mark);
  await context.close();
  return result;
};

/** Measures and prints the dashboard's first render of `project` and of `run`'s chart. */
export const benchDashboardPage = async (
  label: string,
  baseUrl: string,
  token: string,
  project: string,
  run: string,
) => {
  const browser = await launchBrowser();
  try {
    const overview = `${baseUrl}/#/p/${encodeURIComponent(project)}`;
    const chart = `${baseUrl}/#/p/${encodeURIComponent(project)}/r/${encodeURIComponent(run)}`;
    await load(browser, token, overview, "mlco2:dashboard-overview", false); // a fresh browser's warm-up
    for (const phone of [false, true]) {
      const where = phone ? "mid-range phone (4× CPU, 9 Mbit/s, 60 ms RTT)" : "desktop";
      for (const [what, url, mark] of [
        ["project totals + runs list on screen", overview, "mlco2:dashboard-overview"],
        ["a run's power chart drawn", chart, "mlco2:dashboard-chart"],
      ] as const) {
        const loads = [];
        for (let i = 0; i < (phone ? 5 : LOADS); i++)
          loads.push(await load(browser, token, url, mark, phone));
        console.log(
          `  ${label} dashboard page, ${where}, navigation → ${what}: median ${median(loads.map((l) => l.ms)).toFixed(0)} ms of ${loads.length} cold loads (each: ${loads.map((l) => l.ms.toFixed(0)).join(", ")}); ${((loads[0]?.bytes ?? 0) / 1024).toFixed(1)} KB transferred by then`,
        );
      }
    }
  } finally {
    await browser.close();
  }
};
