// The web calculator in a real Chromium against the compressing static server (npm start's):
//   first load transferred ≤ 150 KB, navigation → first result ≤ 300 ms, input change → result ≤ 16 ms,
//   and on a mid-range phone (4× CPU slowdown, 9 Mbit/s, 60 ms round trip, cold cache) → first result
//   ≤ 600 ms, with what the first result needs shipped before the rest.
import type { Browser } from "playwright-core";
import { launchBrowser, startServer, waitForApp } from "../web/harness.ts";

const BUDGET = { transferKB: 150, firstResultMs: 300, updateMs: 16, phoneFirstResultMs: 600 };
const LOADS = 10;
const PHONE_LOADS = 9;
/** A shared link: inputs other than the prerendered default, so the script computes the first result. */
const PERMALINK = "?hw=nvidia-h100-sxm&n=8&h=240&r=azure:westeurope";
/** A link naming a cloud instance type: its first result waits for the instance-picker chunk. */
const INSTANCE_LINK = "?inst=aws:p5.48xlarge&n=2&h=240&r=aws:us-east-1";
const UPDATES = 60;
/** A mid-range phone: CPU 4× slower than this machine, 9 Mbit/s both ways, 60 ms round trip. */
const PHONE = { cpuSlowdown: 4, bitsPerS: 9e6, latencyMs: 60, viewport: { width: 390, height: 844 } };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? Number.NaN;
};

/** Bytes on the wire (headers + compressed bodies) of a cold first load. */
const firstLoadBytes = async (browser: Browser, url: string) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const finished: Promise<{ url: string; bytes: number; encoding: string }>[] = [];
  page.on("requestfinished", (request) => {
    finished.push(
      (async () => {
        const sizes = await request.sizes();
        const response = await request.response();
        return {
          url: request.url(),
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
          encoding: (await response?.headerValue("content-encoding")) ?? "identity",
        };
      })(),
    );
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.getByTestId("emissions").waitFor();
  const all = await Promise.all(finished);
  await context.close();
  return all;
};

/** Navigation start → the app's "mlco2:first-result" mark (the frame after the result was committed). */
const firstResultMs = async (browser: Browser, url: string) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId("emissions").waitFor();
  const timing = await page.evaluate(() => ({
    result: performance.getEntriesByName("mlco2:first-result")[0]?.startTime ?? Number.NaN,
    committed: performance.getEntriesByName("mlco2:first-result-committed")[0]?.startTime ?? Number.NaN,
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
  }));
  await context.close();
  return timing;
};

/** Typing into "hours" → the emissions figure's data-value changed (DOM committed), and → next frame. */
const updateMs = async (browser: Browser, url: string) => {
  const page = await browser.newPage();
  await page.goto(url);
  await waitForApp(page);
  await page.getByTestId("emissions").waitFor();
  const times = await page.evaluate(async (rounds) => {
    const input = document.querySelector<HTMLInputElement>("[data-testid=hours]");
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
    if (input === null || setValue === undefined) throw new Error("no hours input");
    const committed: number[] = [];
    const framed: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const figure = document.querySelector("[data-testid=emissions]");
      if (figure === null) throw new Error("no emissions figure");
      const before = figure.getAttribute("data-value");
      const changed = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (figure.getAttribute("data-value") !== before) {
            observer.disconnect();
            resolve(performance.now());
          }
        });
        observer.observe(figure, { attributes: true });
      });
      const start = performance.now();
      setValue.call(input, String(100 + i + 1));
      input.dispatchEvent(new Event("input", { bubbles: true }));
      committed.push((await changed) - start);
      framed.push(
        (await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())))) -
          start,
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { committed, framed };
  }, UPDATES);
  await page.close();
  return times;
};

/**
 * Navigation → the result painted on the emulated phone with a cold cache (a new browser context), when
 * it reacts to input, and the bytes requested before and after the result was painted.
 */
const phoneFirstResult = async (browser: Browser, url: string) => {
  const context = await browser.newContext({ viewport: PHONE.viewport });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: PHONE.cpuSlowdown });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: PHONE.latencyMs,
    downloadThroughput: PHONE.bitsPerS / 8,
    uploadThroughput: PHONE.bitsPerS / 8,
  });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName("mlco2:complete").length > 0);
  const timing = await page.evaluate(async () => {
    // When the result's text was painted on screen (Element Timing on the headline and the summary bar:
    // the frame's presentation, stricter than the app's mark), else the app's mark.
    const painted = await new Promise<number>((resolve) => {
      new PerformanceObserver((list) => {
        const times = (list.getEntries() as (PerformanceEntry & { renderTime: number })[]).map(
          (e) => e.renderTime,
        );
        resolve(Math.min(...times));
      }).observe({ type: "element", buffered: true });
      setTimeout(() => resolve(Number.NaN), 1000);
    });
    const appMark = performance.getEntriesByName("mlco2:first-result")[0]?.startTime ?? Number.NaN;
    const mark = Number.isNaN(painted) ? appMark : painted;
    // What was requested for the first result, and what the app loads after it ("mlco2:later").
    const later = performance.getEntriesByName("mlco2:later")[0]?.startTime ?? Number.NaN;
    const split = { before: 0, after: 0 };
    for (const entry of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
      if (entry.startTime < later) split.before += entry.transferSize;
      else split.after += entry.transferSize;
    }
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const interactive = performance.getEntriesByName("mlco2:interactive")[0]?.startTime ?? Number.NaN;
    return {
      mark,
      interactive,
      beforeBytes: split.before + (nav?.transferSize ?? 0),
      afterBytes: split.after,
    };
  });
  await context.close();
  return timing;
};

const server = await startServer();
const browser = await launchBrowser();
let failed = false;
const report = (label: string, value: number, budget: number, unit: string) => {
  const ok = value <= budget;
  if (!ok) failed = true;
  console.log(
    `${label}: ${value.toFixed(1)} ${unit} (budget ${budget} ${unit}, ${(value / budget).toFixed(2)}× of it) ${ok ? "ok" : "OVER"}`,
  );
};
try {
  const files = await firstLoadBytes(browser, server.url);
  for (const f of files)
    console.log(
      `  ${(f.bytes / 1024).toFixed(1).padStart(6)} KB ${f.encoding.padEnd(8)} ${f.url.replace(server.url, "/")}`,
    );
  report("first load transferred", files.reduce((s, f) => s + f.bytes, 0) / 1024, BUDGET.transferKB, "KB");

  const loads: { result: number; fcp: number; committed: number }[] = [];
  for (let i = 0; i < LOADS; i++) loads.push(await firstResultMs(browser, server.url));
  console.log(
    `  result committed to the DOM: median ${median(loads.map((l) => l.committed)).toFixed(1)} ms; first contentful paint: median ${median(loads.map((l) => l.fcp)).toFixed(1)} ms`,
  );
  report(
    `navigation → first result (median of ${LOADS} cold loads)`,
    median(loads.map((l) => l.result)),
    BUDGET.firstResultMs,
    "ms",
  );
  // The worst load (often a fresh browser's first) is reported, not judged: a shared VM's noise dominates it.
  console.log(
    `  navigation → first result, worst of ${LOADS}: ${Math.max(...loads.map((l) => l.result)).toFixed(1)} ms`,
  );

  // A fresh browser's first load is slower than any later one: one unreported warm-up load.
  await phoneFirstResult(browser, server.url);
  const pages = [
    ["the default form (prerendered, then hydrated)", ""],
    ["a permalink (rendered by the script)", PERMALINK],
    ["an instance-type link (waits for the instance types' chunk)", INSTANCE_LINK],
  ] as const;
  for (const [what, query] of pages) {
    const phone: Awaited<ReturnType<typeof phoneFirstResult>>[] = [];
    for (let i = 0; i < PHONE_LOADS; i++)
      phone.push(await phoneFirstResult(browser, `${server.url}${query}`));
    const [first] = phone;
    if (first !== undefined)
      console.log(
        `  mid-range phone, ${what}: ${(first.beforeBytes / 1024).toFixed(1)} KB requested for the first result, ${(first.afterBytes / 1024).toFixed(1)} KB after it (chart, Publish, Learn, Act, Data, every grid zone, loaded once the result is on screen); reacts to input at ${median(phone.map((p) => p.interactive)).toFixed(0)} ms (median)`,
      );
    console.log(
      `  mid-range phone, ${what}, each load: ${phone.map((p) => p.mark.toFixed(0)).join(", ")} ms (best ${Math.min(...phone.map((p) => p.mark)).toFixed(0)} ms)`,
    );
    report(
      `mid-range phone (4× CPU, 9 Mbit/s, 60 ms RTT, cold cache), ${what} → first result (median of ${PHONE_LOADS})`,
      median(phone.map((p) => p.mark)),
      BUDGET.phoneFirstResultMs,
      "ms",
    );
  }

  const updates = await updateMs(browser, server.url);
  console.log(
    `  input → next frame: median ${median(updates.framed).toFixed(1)} ms, p95 ${p95(updates.framed).toFixed(1)} ms`,
  );
  report(`input → updated result (median of ${UPDATES})`, median(updates.committed), BUDGET.updateMs, "ms");
  report("input → updated result (p95)", p95(updates.committed), BUDGET.updateMs, "ms");
} finally {
  await browser.close();
  server.stop();
}
process.exit(failed ? 1 : 0);
