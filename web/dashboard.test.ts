// The dashboard in a real Chromium against the real team server (src/server/node.ts's startServer, in
// this process, PGlite in a temporary folder): a project seeded through the API (a two-node tracker run,
// an estimate, a CodeCarbon row), a live run that updates while the test sends samples, names holding
// SQL and HTML, phone width, keyboard, labels, contrast, a revoked token. Every request is intercepted:
// only the server's origin is allowed, and no page logs an error. Screenshots go to test-artifacts/.
// pglite-only: a second Chromium pass would double the slowest suite; the API it reads is checked on both
// stores by web/src/dashboard/api.test.ts and src/server/app.test.ts.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { createUploader } from "../src/client/uploader.ts";
import {
  type Cumulative,
  sampleLine,
  savedEstimate,
  startLine,
  summaryLine,
} from "../src/server/fixtures/log-lines.ts";
import { buildCalculator, buildDashboard, startTeamServer, type TeamServer } from "./dashboard-harness.ts";
import { launchBrowser, ROOT } from "./harness.ts";

const PROJECT = "vision";
/** A project and a run key that would break an unescaped page or query. */
const EVIL_PROJECT = `Robert'); DROP TABLE runs;-- <img src=x onerror="window.__xss=1"></h2>`;
const EVIL_RUN = `' OR 1=1; -- <script>window.__xss=2</script><b onmouseover="x()">run</b> & "q"`;
const TOKEN_KEY = "mlco2-dashboard-token";

let server: TeamServer;
let browser: Browser;
let origin = "";
let read = "";
let ingest = "";
let evilRead = "";
let evilIngest = "";
/** Requests to anywhere but the server (there must be none). */
const external: string[] = [];
/** Every URL requested, to check no token is ever in one. */
const requested: string[] = [];

const zero = (): Cumulative => ({ energyKWh: 0, facilityEnergyKWh: 0, emissionsKg: 0 });

/** One ingest batch of node `hostname:rank` of `runKey`: samples first..first+count-1, maybe the summary. */
const batch = (
  runKey: string,
  hostname: string,
  rank: number,
  started: Date,
  first: number,
  count: number,
  cumulative: Cumulative,
  summary = false,
) => {
  const logId = `log-${hostname}-${rank}-${runKey.length}`;
  return {
    runKey,
    node: { hostname, rank },
    logId,
    start: startLine(logId, started),
    samples: Array.from({ length: count }, (_, i) => ({
      seq: first + i,
      line: sampleLine(first + i, started, cumulative),
    })),
    ...(summary ? { summary: summaryLine(logId, cumulative, first + count) } : {}),
  };
};

const send = async (token: string, body: unknown, path = "ingest") => {
  const answer = await server.post(path, token, body);
  assert.ok(answer.status === 200 || answer.status === 201, JSON.stringify(answer.body));
  return answer.body;
};

const get = async (path: string, token = read) => {
  const response = await fetch(`${server.url}api/v1/${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(response.status, 200, path);
  return response;
};

interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and page errors, checked by `done`. */
  readonly errors: string[];
  /** Closes the context, asserting no error was logged but those matching `allowed`. */
  readonly done: (allowed?: RegExp) => Promise<void>;
}

/** A new browser context whose every request is checked; signed in with `token` when given. */
const open = async (
  options: { token?: string; width?: number; height?: number; scheme?: "light" | "dark" } = {},
): Promise<Opened> => {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    colorScheme: options.scheme ?? "light",
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requested.push(url);
    if (url.startsWith(origin)) return route.continue();
    external.push(url);
    return route.abort();
  });
  if (options.token !== undefined)
    await context.addInitScript(
      ([key, token]) => {
        // Only on the server's pages (about:blank has no storage).
        if (location.protocol === "http:" && sessionStorage.getItem(key) === null)
          sessionStorage.setItem(key, token);
      },
      [TOKEN_KEY, options.token] as const,
    );
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return {
    context,
    page,
    errors,
    done: async (allowed) => {
      await context.close();
      const unexpected = errors.filter((e) => allowed === undefined || !allowed.test(e));
      assert.deepEqual(unexpected, [], "no console errors");
    },
  };
};

const goto = async (page: Page, hash = "") => {
  await page.goto(`${server.url}${hash}`);
  await page.locator("html[data-ready]").waitFor({ state: "attached" });
};

const textOf = async (locator: Locator) => (await locator.textContent()) ?? "";

const dataValue = async (page: Page, testId: string) =>
  Number(await page.getByTestId(testId).first().getAttribute("data-value"));

/** WCAG contrast ratio of two CSS colours (#rrggbb or rgb()). */
const contrast = (a: string, b: string): number => {
  const parse = (c: string) =>
    c.startsWith("#")
      ? [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16))
      : (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r = 0, g = 0, bl = 0]: number[]) => {
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [la, lb] = [lum(parse(a)), lum(parse(b))];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
};

const STARTED = new Date(Date.now() - 3_600_000);
const nodeA = zero();
const nodeB = zero();

describe("the dashboard", () => {
  before(async () => {
    // Both pages built when stale (the Calculator link is tested too), then the server.
    [server, browser] = await Promise.all([
      buildDashboard()
        .then(buildCalculator)
        .then(() => startTeamServer()),
      launchBrowser(),
    ]);
    origin = new URL(server.url).origin;
    [read, ingest, evilRead, evilIngest] = await Promise.all([
      server.token(PROJECT, "read"),
      server.token(PROJECT, "ingest"),
      server.token(EVIL_PROJECT, "read"),
      server.token(EVIL_PROJECT, "ingest"),
    ]);
    // A finished two-node tracker run, an estimate and a CodeCarbon row.
    await send(ingest, batch("job-1", "gpu-01", 0, STARTED, 0, 60, nodeA, true));
    await send(ingest, batch("job-1", "gpu-02", 1, STARTED, 0, 60, nodeB, true));
    await send(
      ingest,
      {
        result: JSON.parse(savedEstimate()),
        key: "estimate-a100",
        startedAt: STARTED.toISOString(),
        user: "alice",
      },
      "estimates",
    );
    await send(
      ingest,
      {
        rows: [
          {
            run_id: "cc-1",
            timestamp: STARTED.toISOString().slice(0, 19),
            duration: 3600,
            emissions: 0.5,
            energy_consumed: 2,
            pue: 1,
            country_name: "France",
          },
        ],
      },
      "codecarbon",
    );
    const evil = zero();
    await send(evilIngest, batch(EVIL_RUN, "<i>host</i>", 0, STARTED, 0, 10, evil, true));
    mkdirSync(`${ROOT}test-artifacts`, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("refuses what is not a read token, with the server's reason, and keeps nothing", async () => {
    const { page, done } = await open();
    await goto(page);
    const token = page.getByTestId("token");
    await token.fill("not a token");
    await page.getByTestId("sign-in").click();
    assert.match(await textOf(page.getByTestId("token-message")), /not an mlco2 token/);
    await token.fill(`mlco2_aaaaaaaaaaaa_${"A".repeat(43)}`);
    await page.getByTestId("sign-in").click();
    await page
      .getByTestId("token-message")
      .getByText(/refused/)
      .waitFor();
    assert.match(await textOf(page.getByTestId("token-message")), /unknown|token/i);
    await token.fill(ingest);
    await page.getByTestId("sign-in").click();
    await page
      .getByTestId("token-message")
      .getByText(/refused/)
      .waitFor();
    assert.equal(await token.getAttribute("aria-invalid"), "true");
    assert.equal(
      await page.evaluate((k) => sessionStorage.getItem(k) ?? localStorage.getItem(k), TOKEN_KEY),
      null,
    );
    await done(/status of 40[13]/);
  });

  it("signs in once with a read token, opens its project and shows totals split by origin", async () => {
    const { page, done } = await open();
    await goto(page);
    await page.getByTestId("token").fill(read);
    await page.getByTestId("sign-in").click();
    // A read token reads one project: it opens at once.
    await page.getByTestId("project-name").waitFor();
    assert.equal(await textOf(page.getByTestId("project-name")), PROJECT);
    assert.equal(await page.evaluate((k) => sessionStorage.getItem(k), TOKEN_KEY), read);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY), null);
    await page.getByTestId("total-tracker-emissions").waitFor();
    const trackerKg = await dataValue(page, "total-tracker-emissions");
    const expectedKg = nodeA.emissionsKg + nodeB.emissionsKg;
    assert.ok(Math.abs(trackerKg - expectedKg) <= 1e-9 * expectedKg, `${trackerKg} vs ${expectedKg}`);
    const trackerKWh = await dataValue(page, "total-tracker-energy");
    const expectedKWh = nodeA.energyKWh + nodeB.energyKWh;
    assert.ok(Math.abs(trackerKWh - expectedKWh) <= 1e-9 * expectedKWh);
    const estimate = JSON.parse(savedEstimate()) as { emissionsKg: number };
    assert.ok(Math.abs((await dataValue(page, "total-estimate-emissions")) - estimate.emissionsKg) < 1e-9);
    assert.equal(await dataValue(page, "total-codecarbon-emissions"), 0.5);
    // The range and the CodeCarbon row's missing one are said in words.
    assert.match(await textOf(page.getByTestId("total-codecarbon")), /no range/);
    // By person: alice's estimate; the tracker run and the CodeCarbon row recorded no user.
    await page.getByTestId("person-row").first().waitFor();
    const people = await page
      .getByTestId("person-row")
      .evaluateAll((rows) =>
        rows.map((r) => `${r.getAttribute("data-user")} ${r.getAttribute("data-origin")}`),
      );
    assert.deepEqual(people, ["alice estimate", "unknown tracker", "unknown codecarbon"]);
    assert.ok(
      Math.abs(
        Number(
          await page
            .locator("[data-testid=person-row][data-user=alice] [data-testid=person-emissions]")
            .getAttribute("data-value"),
        ) - estimate.emissionsKg,
      ) < 1e-9,
    );
    await page.getByTestId("person-link").click();
    await page.waitForURL(/user=alice/);
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=run-row]").length === 1);
    assert.deepEqual(await page.getByTestId("run-user").allInnerTexts(), ["alice"]);
    await page.getByTestId("filter-user").selectOption("");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=run-row]").length === 3);
    await page.getByTestId("by-week").check();
    await page.waitForURL(/by=week/);
    assert.match(await textOf(page.getByRole("columnheader", { name: "Week of" })), /Week of/);
    const runs = page.getByTestId("run-row");
    await runs.first().waitFor();
    assert.deepEqual((await page.getByTestId("run-link").allInnerTexts()).sort(), [
      "cc-1",
      "estimate-a100",
      "job-1",
    ]);
    await page.screenshot({ path: `${ROOT}test-artifacts/dashboard.png`, fullPage: true });
    // Reloading keeps the session (this tab) without asking again.
    await page.reload();
    await page.getByTestId("project-name").waitFor();
    await done();
  });

  it("filters runs by origin, status, days and text, in the address", async () => {
    const { page, done } = await open({ token: read });
    await goto(page, `#/p/${PROJECT}`);
    const keys = async () => {
      await page.waitForTimeout(100);
      return (await page.getByTestId("run-link").allInnerTexts()).sort();
    };
    await page.getByTestId("run-row").first().waitFor();
    await page.getByTestId("filter-origin").selectOption("estimate");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=run-row]").length === 1);
    assert.deepEqual(await keys(), ["estimate-a100"]);
    assert.match(page.url(), /origin=estimate/);
    await page.getByTestId("filter-clear").click();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=run-row]").length === 3);
    await page.getByTestId("filter-q").fill("job");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=run-row]").length === 1);
    assert.deepEqual(await keys(), ["job-1"]);
    await page.getByTestId("filter-q").fill("");
    await page.getByTestId("filter-status").selectOption("finished");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=run-row]").length === 3);
    const day = STARTED.toISOString().slice(0, 10);
    const before = new Date(STARTED.getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId("filter-to").fill(before);
    await page.getByTestId("no-runs").waitFor();
    await page.getByTestId("filter-from").fill(day);
    assert.match(await textOf(page.getByTestId("filter-to-message")), /before/);
    await page.getByTestId("filter-to").fill(day);
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=run-row]").length === 3);
    // The filtered list is a link: opening it again shows the same.
    const url = page.url();
    await page.goto("about:blank");
    await page.goto(url);
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=run-row]").length === 3);
    assert.equal(await page.getByTestId("filter-status").inputValue(), "finished");
    await done();
  });

  it("shows a run: power per node and component, nodes, methods, factors, reports, files, cleanest region", async () => {
    const { context, page, done } = await open({ token: read });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    await goto(page, `#/p/${PROJECT}`);
    await page.getByTestId("run-link").getByText("job-1").click();
    await page.getByTestId("power-chart").waitFor();
    assert.equal(await textOf(page.getByTestId("run-key")), "job-1");
    assert.equal(
      await page.getByTestId("power-chart").getAttribute("data-lines"),
      "6",
      "2 nodes × 3 components",
    );
    assert.equal(await page.getByTestId("power-chart").getAttribute("data-points"), "60");
    assert.equal(await page.locator(".power-plot canvas").count(), 1);
    assert.equal(await page.getByTestId("power-legend").locator("li").count(), 6);
    assert.equal(await page.getByTestId("node-row").count(), 6);
    assert.match(await textOf(page.getByTestId("methods")), /measured[\s\S]*nvidia-smi/);
    assert.ok((await page.getByTestId("factors").locator("tbody tr").count()) > 3);
    // The reports are the server's (the engine's) text, each with a working copy button.
    for (const format of ["latex", "markdown", "model-card"] as const) {
      const expected = await (await get(`projects/${PROJECT}/runs/job-1/report?format=${format}`)).text();
      await page.getByTestId(`report-${format}`).getByText(expected.slice(0, 20)).first().waitFor();
      assert.equal(await textOf(page.getByTestId(`report-${format}`)), expected, format);
      await page.getByTestId(`copy-${format}`).click();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected, format);
    }
    // The samples' CSV, fetched with the token in a header and saved.
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("download-samples").click(),
    ]);
    assert.equal(file.suggestedFilename(), "job-1-samples.csv");
    const csv = readFileSync((await file.path()) as string, "utf8")
      .trim()
      .split("\n");
    assert.equal(csv.length, 1 + 2 * 60 * 3, "header + 2 nodes × 60 samples × 3 components");
    assert.match(csv[0] ?? "", /^hostname,rank,log_id,seq/);
    const cleanest = (await (await get(`projects/${PROJECT}/runs/job-1/cleanest`)).json()) as {
      cleanest: { region: string; emissionsKg: number };
    };
    assert.equal(await page.getByTestId("cleanest").getAttribute("data-region"), cleanest.cleanest.region);
    assert.match(await textOf(page.getByTestId("cleanest")), /% less/);
    await page.screenshot({ path: `${ROOT}test-artifacts/dashboard-run.png`, fullPage: true });
    // An estimate and a CodeCarbon row: no chart, their own figures.
    await page.getByTestId("crumb-project").click();
    await page.getByTestId("run-link").getByText("cc-1").click();
    await page.getByTestId("power-empty").waitFor();
    assert.equal(await dataValue(page, "run-emissions"), 0.5);
    assert.match(await textOf(page.getByTestId("reports-missing")), /CodeCarbon/);
    await done();
  });

  it("updates a live run within seconds while its nodes stream samples, and says so politely", async () => {
    const { page, done } = await open({ token: read });
    // Each node streams through the real uploader (src/client), as a tracker with --server does: it
    // batches every 5 s on its own; the test also flushes, to time the dashboard's side alone.
    const started = new Date(Date.now() - 600_000);
    const node = (hostname: string, rank: number) => {
      const logId = `log-live-7-${hostname}`;
      const cumulative = zero();
      const up = createUploader({
        server: server.url,
        token: ingest,
        runKey: "live-7",
        node: { hostname, rank },
        logId,
      });
      up.start(startLine(logId, started));
      let n = 0;
      return {
        cumulative,
        up,
        samples: (count: number) => {
          for (let i = 0; i < count; i++, n++) up.sample(sampleLine(n, started, cumulative));
          return up.flush();
        },
        finish: () => {
          up.summary(summaryLine(logId, cumulative, n));
          return up.flush();
        },
      };
    };
    const a = node("gpu-01", 0);
    const b = node("gpu-02", 1);
    try {
      assert.equal((await a.samples(5)).ackedThrough, 4);
      await goto(page, `#/p/${PROJECT}/r/live-7`);
      await page.getByTestId("power-chart").waitFor();
      assert.match(await textOf(page.getByTestId("run-meta")), /running/);
      const energy0 = await dataValue(page, "run-energy");
      assert.ok(Math.abs(energy0 - a.cumulative.energyKWh) <= 1e-9 * a.cumulative.energyKWh);
      assert.equal(await page.getByTestId("power-chart").getAttribute("data-points"), "5");
      assert.match(await textOf(page.getByTestId("reports-missing")), /no node has finished yet/);
      // More samples: the figures and the chart follow within a few seconds, without a reload.
      assert.equal((await a.samples(10)).ackedThrough, 14);
      const sent = Date.now();
      await page.waitForFunction(
        (kwh) => Number(document.querySelector("[data-testid=run-energy]")?.getAttribute("data-value")) > kwh,
        energy0,
        { timeout: 10_000 },
      );
      const tookMs = Date.now() - sent;
      assert.ok(tookMs <= 6_000, `updated after ${tookMs} ms`);
      const kwh = a.cumulative.energyKWh;
      assert.ok(Math.abs((await dataValue(page, "run-energy")) - kwh) <= 1e-9 * kwh);
      await page.waitForFunction(
        () => document.querySelector("[data-testid=power-chart]")?.getAttribute("data-points") === "15",
      );
      // A second node joins: one run, two nodes, announced in the live region.
      await b.samples(15);
      await page.waitForFunction(
        () => document.querySelector("[data-testid=run-nodes]")?.getAttribute("data-value") === "2",
        undefined,
        { timeout: 10_000 },
      );
      await page
        .getByTestId("live")
        .getByText(/live-7: now 2 nodes/)
        .waitFor();
      assert.equal(await page.getByTestId("power-chart").getAttribute("data-lines"), "6");
      assert.equal(await page.getByTestId("live").getAttribute("aria-live"), "polite");
      // Both finish: the status, the announcement and the reports follow.
      await a.samples(1);
      await b.samples(1);
      assert.equal((await a.finish()).summaryStored, true);
      assert.equal((await b.finish()).summaryStored, true);
      await page
        .getByTestId("live")
        .getByText(/live-7 finished/)
        .waitFor({ timeout: 10_000 });
      await page.getByTestId("report-latex").getByText(/kWh/).first().waitFor();
      const total = a.cumulative.emissionsKg + b.cumulative.emissionsKg;
      assert.ok(Math.abs((await dataValue(page, "run-emissions")) - total) <= 1e-9 * total);
    } finally {
      await Promise.all([a.up.close({ timeoutMs: 5_000 }), b.up.close({ timeoutMs: 5_000 })]);
    }
    await done();
  });

  it("lists a new run as it starts, marked live, while the project is open", async () => {
    const { page, done } = await open({ token: read });
    const started = new Date(Date.now() - 60_000);
    const c = zero();
    await send(ingest, batch("live-8", "gpu-03", 0, started, 0, 3, c));
    await goto(page, `#/p/${PROJECT}`);
    await page.locator("[data-testid=run-row][data-key=live-8]").waitFor();
    assert.match(await textOf(page.getByTestId("runs-updated")), /Live/);
    await send(ingest, batch("live-9", "gpu-04", 0, started, 0, 3, zero()));
    const sent = Date.now();
    await page.locator("[data-testid=run-row][data-key=live-9]").waitFor({ timeout: 10_000 });
    assert.ok(Date.now() - sent <= 7_000, "a live list is read again every 5 s");
    await page.getByTestId("live").getByText("New run: live-9.").waitFor();
    await send(ingest, batch("live-8", "gpu-03", 0, started, 3, 1, c, true));
    await page.getByTestId("live").getByText("Finished: live-8.").waitFor({ timeout: 10_000 });
    await done();
  });

  it("says what failed in the server's words, and loads again when asked", async () => {
    const { page, done } = await open({ token: read });
    await goto(page, `#/p/${PROJECT}/r/late-1`);
    await page.getByTestId("problem").waitFor();
    assert.match(await textOf(page.getByTestId("problem")), /^Could not load: .*late-1.* \(run\)/);
    await send(ingest, batch("late-1", "gpu-05", 0, new Date(Date.now() - 60_000), 0, 3, zero(), true));
    await page.getByTestId("retry").click();
    await page.getByTestId("power-chart").waitFor();
    assert.equal(await page.getByTestId("problem").count(), 0);
    await done(/status of 404/);
  });

  it("shows names holding SQL and HTML as text, everywhere", async () => {
    const { page, done } = await open({ token: evilRead });
    await goto(page);
    await page.getByTestId("project-name").waitFor();
    assert.equal(await page.getByTestId("project-name").textContent(), EVIL_PROJECT);
    const link = page.getByTestId("run-link");
    await link.waitFor();
    assert.equal(await link.textContent(), EVIL_RUN);
    await link.click();
    await page.getByTestId("power-chart").waitFor();
    assert.equal(await page.getByTestId("run-key").textContent(), EVIL_RUN);
    assert.equal(await page.getByTestId("crumb-project").textContent(), EVIL_PROJECT);
    assert.match(await textOf(page.getByTestId("nodes")), /<i>host<\/i>:0/);
    assert.match(await textOf(page.getByTestId("power-legend")), /<i>host<\/i>:0 gpu/);
    // Nothing of the names became markup or ran.
    assert.equal(await page.locator("main img, main script, main b, main i").count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    // The store kept the names verbatim (and its tables).
    const runs = (await (
      await get(`projects/${encodeURIComponent(EVIL_PROJECT)}/runs`, evilRead)
    ).json()) as {
      runs: { key: string }[];
    };
    assert.deepEqual(
      runs.runs.map((r) => r.key),
      [EVIL_RUN],
    );
    await done();
  });

  it("works at phone width: one column, no sideways scrolling, the chart fits", async () => {
    const { page, done } = await open({ token: read, width: 390, height: 844 });
    await goto(page, `#/p/${PROJECT}`);
    await page.getByTestId("run-row").first().waitFor();
    await page.getByTestId("total-tracker").waitFor();
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok((await overflow()) <= 0, "no horizontal scroll on the project");
    await page.screenshot({ path: `${ROOT}test-artifacts/dashboard-phone.png`, fullPage: true });
    await goto(page, `#/p/${PROJECT}/r/job-1`);
    await page.getByTestId("power-chart").waitFor();
    await page.getByTestId("report-latex").getByText(/kWh/).first().waitFor();
    assert.ok((await overflow()) <= 0, "no horizontal scroll on a run");
    const canvas = await page.locator(".power-plot canvas").boundingBox();
    assert.ok(canvas !== null && canvas.x >= 0 && canvas.x + canvas.width <= 390, JSON.stringify(canvas));
    await page.screenshot({ path: `${ROOT}test-artifacts/dashboard-run-phone.png`, fullPage: true });
    await done();
  });

  it("is usable by keyboard: links and controls in order, focus on each new view's heading", async () => {
    const { page, done } = await open({ token: read });
    await goto(page, `#/p/${PROJECT}`);
    await page.getByTestId("run-row").first().waitFor();
    let found = false;
    for (let i = 0; i < 60 && !found; i++) {
      await page.keyboard.press("Tab");
      found = await page.evaluate(
        () =>
          document.activeElement?.getAttribute("data-testid") === "run-link" &&
          document.activeElement.textContent === "job-1",
      );
    }
    assert.ok(found, "job-1's link is reached with Tab");
    await page.keyboard.press("Enter");
    await page.getByTestId("run-key").waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "run-key");
    await page.goBack();
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "project-name");
    // The filters are reachable and labelled; a select changes with the keyboard.
    await page.getByTestId("filter-origin").focus();
    await page.keyboard.press("ArrowDown");
    await page.waitForURL(/origin=tracker/);
    await done();
  });

  it("labels every control and keeps chart lines and borders at 3:1 in both schemes", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const { page, done } = await open({ scheme });
      await goto(page);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll("input, select")]
          .filter((e) => (e as HTMLInputElement).labels?.length === 0)
          .map((e) => e.id),
      );
      assert.deepEqual(unlabelled, [], "sign-in");
      await page.evaluate(([k, t]) => sessionStorage.setItem(k, t), [TOKEN_KEY, read] as const);
      await goto(page, `#/p/${PROJECT}/r/job-1`);
      await page.reload();
      await page.getByTestId("power-chart").waitFor();
      // No named functions inside evaluate: tsx would wrap them in a helper the page lacks.
      const colours = await page.evaluate(() => {
        const style = getComputedStyle(document.documentElement);
        return {
          panel: getComputedStyle(document.querySelector(".panel") as Element).backgroundColor,
          lines: ["gpu", "cpu", "memory", "other"].map((c) => style.getPropertyValue(`--power-${c}`).trim()),
          field: style.getPropertyValue("--field-border").trim(),
          accent: style.getPropertyValue("--accent").trim(),
        };
      });
      for (const line of [...colours.lines, colours.field, colours.accent])
        assert.ok(contrast(line, colours.panel) >= 3, `${scheme}: ${line} on ${colours.panel}`);
      await goto(page, `#/p/${PROJECT}`);
      await page.getByTestId("filters").waitFor();
      const unlabelledFilters = await page.evaluate(() =>
        [...document.querySelectorAll("main input, main select")]
          .filter((e) => (e as HTMLInputElement).labels?.length === 0 && !e.closest("fieldset"))
          .map((e) => e.id),
      );
      assert.deepEqual(unlabelledFilters, [], "filters");
      await done();
    }
  });

  it("signs out with the server's reason when the token is revoked", async () => {
    const extra = await server.token(PROJECT, "read");
    const { page, done } = await open({ token: extra });
    await goto(page, `#/p/${PROJECT}/r/live-9`);
    await page.getByTestId("power-chart").waitFor();
    const id = /^mlco2_([a-z2-7]{12})_/.exec(extra)?.[1] as string;
    const revoked = await fetch(`${server.url}api/v1/tokens/${id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${server.admin}` },
    });
    assert.equal(revoked.status, 200);
    // live-9 is running: the next poll meets the revoked token.
    await page.getByTestId("token-message").waitFor({ timeout: 10_000 });
    assert.match(await textOf(page.getByTestId("token-message")), /revoked/);
    assert.equal(await page.evaluate((k) => sessionStorage.getItem(k), TOKEN_KEY), null);
    await done(/status of 401/);
  });

  it("links the calculator, served by the same server, its inline scripts allowed and nothing else", async () => {
    const { page, done } = await open({ token: read });
    await goto(page, `#/p/${PROJECT}`);
    await page.getByRole("link", { name: "Calculator" }).click();
    await page.waitForURL(/\/calculator\/$/);
    await page.locator("html[data-ready]").waitFor({ state: "attached" });
    await page.getByTestId("emissions").waitFor();
    // Its prerendered page's inline script ran under the server's CSP: it marks the prerendered result
    // before the page's module is evaluated (a blocked script logs an error, which `done` refuses).
    const marks = await page.evaluate(() => ({
      inline: performance.getEntriesByName("mlco2:first-result-committed")[0]?.startTime ?? Number.NaN,
      module: performance.getEntriesByName("mlco2:modules-evaluated")[0]?.startTime ?? Number.NaN,
    }));
    assert.ok(marks.inline < marks.module, JSON.stringify(marks));
    await done();
  });

  it("made no request outside the server and put no token in a URL", () => {
    assert.deepEqual(external, []);
    assert.ok(requested.length > 50);
    for (const token of [read, ingest, evilRead])
      assert.ok(!requested.some((url) => url.includes(token)), "no token in a URL");
  });
});
