// The "when" view in a real Chromium: an uploaded year of hourly data gives the best start
// `mlco2 plan --series … --format json` gives (run in process); bad files show the planning code's message
// next to the input and no number; nothing is requested while planning (request interception); phone
// width, labels, live region, contrast; offline through the service worker; not in the entry bundle.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { runCli } from "../src/cli/program.ts";
import { parseSeriesText } from "../src/plan/formats/series-text.ts";
import { formatInstantShort } from "../src/plan/time.ts";
import { readTimeInput } from "../src/plan/time-input.ts";
import { zoneSeriesOf } from "../src/plan/zone-series.ts";
import { launchBrowser, ROOT, startServer, type WebServer, waitForApp } from "./harness.ts";

const DE_2024 = fileURLToPath(new URL("../src/plan/fixtures/de-2024.csv", import.meta.url));
const JOB = "?hw=nvidia-h100-sxm&n=8&h=6&z=DE";
const HOUR = 3_600_000;

let server: WebServer;
let browser: Browser;
const consoleErrors: string[] = [];

const newPage = async (options: Parameters<Browser["newContext"]>[0] = {}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  return { context, page };
};

/** Opens the page with the job and the when view, and waits for its planner. */
const openWhen = async (page: Page, query = JOB) => {
  await page.goto(`${server.url}${query}#when`);
  await waitForApp(page);
  await page.locator("[data-testid=when-view][data-planner=ready]").waitFor();
};

/** `mlco2 plan … --format json`, in process. */
const cliPlan = async (argv: readonly string[]) => {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["plan", ...argv, "--format", "json"], {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: {},
    now: () => new Date(),
  });
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout) as Record<string, number | string>;
};

/** What the planning code says about a series text for zone DE: its first problem's message. */
const planningMessage = (text: string): string => {
  const parsed = parseSeriesText(text, { fileNote: "x" });
  if (!parsed.ok) return parsed.problems[0].message;
  const series = zoneSeriesOf(parsed.value, "DE", { mentionOthers: false });
  return series.ok ? "" : series.problems[0].message;
};

const value = async (page: Page, testId: string) =>
  Number(await page.getByTestId(testId).getAttribute("data-value"));

const close = (a: number, b: unknown, what: string) =>
  assert.ok(Math.abs(a - Number(b)) <= 1e-9 * Math.abs(a), `${what}: ${a} vs ${String(b)}`);

const hourly = (zone: string, values: readonly (number | string)[], from = Date.UTC(2024, 0, 1)) => [
  "datetime,zone,carbon_intensity",
  ...values.map((v, i) => `${new Date(from + i * HOUR).toISOString()},${zone},${v}`),
];

describe("the when view", () => {
  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    server?.stop();
  });

  it("is not in the entry bundle, and loads only when the visitor reaches for it", async () => {
    const html = readFileSync(`${ROOT}web/dist/index.html`, "utf8");
    const entries = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    assert.ok(entries.length >= 2, html.slice(0, 200));
    for (const file of entries) {
      const code = readFileSync(`${ROOT}web/dist/${file}`, "utf8");
      assert.doesNotMatch(code, /u-over|uplot/i, `${file} holds uPlot`);
      assert.doesNotMatch(code, /carbon_intensity/, `${file} holds the series parsers`);
      assert.doesNotMatch(code, /When to run it/, `${file} holds the when section`);
    }
    const { page, context } = await newPage();
    const requested: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    await page.goto(`${server.url}${JOB}`);
    await waitForApp(page);
    await page.waitForFunction(() => performance.getEntriesByName("mlco2:complete").length > 0);
    await page.getByTestId("when").waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(
      requested.filter((u) => /planner/.test(u)),
      [],
      "the planner is not loaded with the page",
    );
    assert.equal(await page.getByTestId("when-view").getAttribute("data-planner"), "idle");
    await page.getByTestId("when-paste").focus();
    await page.locator("[data-testid=when-view][data-planner=ready]").waitFor();
    assert.ok(
      requested.some((u) => /assets\/planner-.*\.js$/.test(u)),
      requested.join(", "),
    );
    await context.close();
  });

  it("uploads a year of hourly data and gives the CLI's best start, in local time and UTC", async () => {
    const { page, context } = await newPage({ timezoneId: "Asia/Kolkata", locale: "en-US" });
    await openWhen(page);
    await page.getByTestId("when-file").setInputFiles(DE_2024);
    await page.getByTestId("when-result").waitFor();
    const cli = await cliPlan([
      "--hardware",
      "nvidia-h100-sxm",
      "--count",
      "8",
      "--hours",
      "6",
      "--zone",
      "DE",
      "--series",
      DE_2024,
    ]);
    const best = page.getByTestId("when-best-start");
    assert.equal(await best.getAttribute("data-value"), cli.bestStart);
    close(await value(page, "when-emissions"), cli.emissionsKg, "emissionsKg");
    close(await value(page, "when-now-emissions"), cli.nowEmissionsKg, "nowEmissionsKg");
    close(await value(page, "when-saving"), cli.savingKg, "savingKg");
    close(await value(page, "when-worst-emissions"), cli.worstEmissionsKg, "worstEmissionsKg");
    close(await value(page, "when-saving-worst"), cli.savingVsWorstKg, "savingVsWorstKg");
    assert.equal(await page.getByTestId("when-now-start").getAttribute("data-value"), cli.nowStart);
    assert.equal(await page.getByTestId("when-worst-start").getAttribute("data-value"), cli.worstStart);
    // Local time: India is UTC+05:30 all year.
    const bestMs = Date.parse(String(cli.bestStart));
    const local = new Date(bestMs + 5.5 * HOUR);
    const h = local.getUTCHours();
    const hm = `${String(((h + 11) % 12) + 1).padStart(2, "0")}:${String(local.getUTCMinutes()).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
    assert.match((await best.textContent()) ?? "", new RegExp(hm));
    assert.equal(
      await page.getByTestId("when-best-start-utc").textContent(),
      `(${formatInstantShort(bestMs)})`,
    );
    // Labelled with its source, the user's file, as the CLI's factors are.
    const source = (await page.getByTestId("when-source").textContent()) ?? "";
    assert.match(source, /your file de-2024\.csv \(CSV datetime,zone,carbon_intensity\), zone DE/);
    assert.match(source, /kind user/);
    await page.locator(".when-result details.factors summary").click();
    const factors = (await page.getByTestId("when-factors").textContent()) ?? "";
    assert.match(factors, /grid intensity series \(DE, CSV file\).*user.*given by the user/s);
    assert.match(factors, /from de-2024\.csv, read in this browser and sent nowhere/);
    // The chart: uPlot's canvas over the window, the caption naming the best window.
    const canvas = await page.locator("[data-testid=when-chart] canvas").boundingBox();
    assert.ok(canvas !== null && canvas.width > 300 && canvas.height > 100, JSON.stringify(canvas));
    assert.match(
      (await page.locator("#when-chart-caption").textContent()) ?? "",
      new RegExp(`runs from ${formatInstantShort(bestMs)} to ${formatInstantShort(bestMs + 6 * HOUR)}`),
    );
    await page.getByTestId("when").screenshot({ path: `${ROOT}test-artifacts/web-when.png` });
    await context.close();
  });

  it("makes no network request while planning (request interception)", async () => {
    const { page, context } = await newPage({ serviceWorkers: "block" });
    await openWhen(page);
    const seen: string[] = [];
    page.on("request", (r) => seen.push(r.url()));
    await context.route("**/*", (route) => {
      seen.push(route.request().url());
      return route.abort();
    });
    await page.getByTestId("when-file").setInputFiles(DE_2024);
    await page.getByTestId("when-result").waitFor();
    await page.getByTestId("when-earliest").fill("2024-06-01T00:00Z");
    await page.getByTestId("when-deadline").fill("+48h");
    await page.locator("[data-testid=when-best-start][data-value^='2024-06-0']").waitFor();
    const two = [
      ...hourly("DE", [300, 200, 100, 250, 260, 270, 280, 290]),
      ...hourly("FR", [40, 30, 20, 10, 15, 16, 17, 18]).slice(1),
    ];
    await page.getByTestId("when-paste").fill(two.join("\n"));
    assert.equal(await page.getByTestId("when-earliest").inputValue(), "", "a new series resets the window");
    await page.getByTestId("when-zone").selectOption("FR");
    await page.locator("[data-testid=when-best-start][data-value='2024-01-01T02:00:00Z']").waitFor();
    assert.deepEqual(seen, []);
    await context.close();
  });

  it("shows a bad file's message next to the input, word for word, and never a number", async () => {
    const { page, context } = await newPage();
    await openWhen(page, "?hw=nvidia-h100-sxm&n=8&h=2&z=DE");
    const paste = page.getByTestId("when-paste");
    const cases = [
      ["two values for one hour", hourly("DE", [300, 310]).concat("2024-01-01T00:00:00Z,DE,320")],
      ["kg/kWh given as g/kWh", hourly("DE", [0.31, 0.29, 0.3])],
      ["an unknown unit", ["datetime,zone,carbon_intensity,unit", "2024-01-01T00:00:00Z,DE,300,furlongs"]],
      ["a value out of range", hourly("DE", [300, 2500])],
      ["a negative value", hourly("DE", [300, -5])],
      ["a time without a zone", ["datetime,zone,carbon_intensity", "2024-01-01T00:00,DE,300"]],
      ["irregular spacing", hourly("DE", [300, 310, 320]).concat("2024-01-01T03:30:00Z,DE,330")],
      ["not JSON", ["{oops"]],
      ["a JSON shape of no known source", ['{"rows": []}']],
      ["no header", ["time,value", "1,2"]],
    ] as const;
    for (const [what, lines] of cases) {
      const text = lines.join("\n");
      const expected = planningMessage(text);
      assert.notEqual(expected, "", `${what} is a problem for the planning code`);
      await paste.fill(text);
      const message = page.getByTestId("when-series-message");
      // JSON.parse's own words differ between V8 versions (Node's and Chromium's): only the part before them.
      if (expected.startsWith("not valid JSON ("))
        await message.getByText(/^not valid JSON \(.+\)$/).waitFor();
      else await message.getByText(expected, { exact: true }).waitFor();
      assert.equal(await page.getByTestId("when-result").count(), 0, what);
      assert.equal(await page.getByTestId("when-emissions").count(), 0, what);
      assert.equal(await paste.getAttribute("aria-invalid"), "true", what);
      assert.ok(((await paste.getAttribute("aria-describedby")) ?? "").includes("when-series-message"), what);
    }
    // What can be repaired is, and is said: unsorted rows, a repeated row, a gap.
    const rows = hourly("DE", [300, 310, "", 320, 200, 330, 340]);
    const repaired = [rows[0], rows[2], rows[1], ...rows.slice(3), rows[4]].join("\n");
    await paste.fill(repaired);
    await page.getByTestId("when-result").waitFor();
    assert.equal(await page.getByTestId("when-series-message").count(), 0);
    const warnings = (await page.getByTestId("when-warnings").textContent()) ?? "";
    assert.match(warnings, /not in time order; they were sorted/);
    assert.match(warnings, /repeated row/);
    assert.match(warnings, /empty intensity were treated as missing/);
    // A bad time in the window: its field's message, the planning code's words, no number.
    await paste.fill(
      hourly(
        "DE",
        Array.from({ length: 24 }, (_, i) => 300 + i),
      ).join("\n"),
    );
    await page.getByTestId("when-result").waitFor();
    await page.getByTestId("when-earliest").fill("2024-01-01 08:00");
    const typed = readTimeInput("2024-01-01 08:00", { path: "earliest", nowMs: 0, relativeToMs: 0 });
    assert.equal(typed.ok, false);
    await page
      .getByTestId("when-earliest-message")
      .getByText(typed.ok ? "" : typed.problems[0].message, { exact: true })
      .waitFor();
    assert.equal(await page.getByTestId("when-emissions").count(), 0);
    assert.equal(await page.getByTestId("when-earliest").getAttribute("aria-invalid"), "true");
    // A window that misses the data.
    await page.getByTestId("when-earliest").fill("2030-01-01T00:00Z");
    // Wait for the new message itself: the previous one stays on screen until the page re-plans.
    await page
      .locator("#when-earliest-message, #when-deadline-message")
      .getByText(/no start between|shorter than the job/)
      .first()
      .waitFor();
    assert.equal(await page.getByTestId("when-emissions").count(), 0);
    await context.close();
  });

  it("picks the calculator's zone in a file of several, and another when asked", async () => {
    const { page, context } = await newPage();
    await openWhen(page, "?hw=nvidia-h100-sxm&n=8&h=2&z=DE");
    const text = [...hourly("FR", [40, 30, 20, 10, 50]), ...hourly("DE", [300, 100, 90, 400, 410]).slice(1)];
    await page.getByTestId("when-paste").fill(text.join("\n"));
    await page.getByTestId("when-result").waitFor();
    assert.equal(await page.getByTestId("when-zone").inputValue(), "DE");
    assert.equal(
      await page.getByTestId("when-best-start").getAttribute("data-value"),
      "2024-01-01T01:00:00Z",
    );
    await page.getByTestId("when-zone").selectOption("FR");
    await page.locator("[data-testid=when-best-start][data-value='2024-01-01T02:00:00Z']").waitFor();
    assert.match(
      (await page.getByTestId("when-warnings").textContent()) ?? "",
      /The series is for FR; the calculator's location is/,
    );
    await context.close();
  });

  it("works at phone width (390 × 844)", async () => {
    const { page, context } = await newPage({ viewport: { width: 390, height: 844 } });
    await openWhen(page);
    await page.getByTestId("when-file").setInputFiles(DE_2024);
    await page.getByTestId("when-result").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than a phone screen`);
    const canvas = await page.locator("[data-testid=when-chart] canvas").boundingBox();
    assert.ok(canvas !== null && canvas.x >= 0 && canvas.x + canvas.width <= 390, JSON.stringify(canvas));
    for (const id of ["when-paste", "when-earliest", "when-deadline", "when-best-start"]) {
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box !== null && box.x >= 0 && box.x + box.width <= 390, `${id}: ${JSON.stringify(box)}`);
    }
    await page.getByTestId("when").screenshot({ path: `${ROOT}test-artifacts/web-when-phone.png` });
    await context.close();
  });

  it("labels every input and announces the plan in its own polite live region", async () => {
    const { page, context } = await newPage();
    await openWhen(page);
    const live = page.getByTestId("when-live");
    assert.equal(await live.getAttribute("aria-live"), "polite");
    await page
      .getByTestId("when-paste")
      .fill(hourly("DE", [300, 310, 100, 120, 330, 340, 350, 360]).join("\n"));
    await page.getByTestId("when-result").waitFor();
    await live.getByText(/^Best start .*CO2eq, .* less than starting at the earliest time\.$/).waitFor();
    await page.getByTestId("when-paste").fill(hourly("DE", [300, 2500]).join("\n"));
    await live.getByText(/^Not planned: Time series: .*2500 g\/kWh is not allowed/).waitFor();
    const unlabelled = await page.evaluate(`(() => {
      const out = [];
      for (const e of document.querySelectorAll("#when input, #when textarea, #when select")) {
        const label = e.id === "" ? null : document.querySelector('label[for="' + e.id + '"]');
        if (label === null || (label.textContent || "").trim() === "") out.push(e.outerHTML.slice(0, 80));
      }
      return out;
    })()`);
    assert.deepEqual(unlabelled, []);
    await context.close();
  });

  for (const scheme of ["light", "dark"] as const) {
    it(`draws the line and the best window's edges at 3:1 or more against the panel (${scheme})`, async () => {
      const { page, context } = await newPage({ colorScheme: scheme });
      await openWhen(page);
      await page
        .getByTestId("when-paste")
        .fill(hourly("DE", [300, 310, 100, 120, 330, 340, 350, 360]).join("\n"));
      await page.getByTestId("when-result").waitFor();
      const colours = (await page.evaluate(`(() => {
        const plot = document.querySelector(".when-plot");
        const style = getComputedStyle(plot);
        const probe = document.createElement("span");
        plot.appendChild(probe);
        const resolve = (v) => { probe.style.color = v; return getComputedStyle(probe).color; };
        const out = {
          line: resolve(style.getPropertyValue("--chart-line")),
          best: resolve(style.getPropertyValue("--chart-best")),
          panel: getComputedStyle(document.querySelector(".when-result")).backgroundColor,
        };
        probe.remove();
        return out;
      })()`)) as { line: string; best: string; panel: string };
      for (const what of ["line", "best"] as const) {
        const ratio = contrast(colours[what], colours.panel);
        assert.ok(
          ratio >= 3,
          `${scheme} ${what}: ${colours[what]} on ${colours.panel} is ${ratio.toFixed(2)}:1`,
        );
      }
      await context.close();
    });
  }

  it("plans offline: the planner comes from the service worker's copy", async () => {
    const { page, context } = await newPage();
    await page.goto(`${server.url}${JOB}`);
    await waitForApp(page);
    const ready = await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), 10_000)),
      ]),
    );
    assert.equal(ready, true, "a service worker is active");
    await context.setOffline(true);
    await page.reload();
    await openWhen(page);
    await page
      .getByTestId("when-paste")
      .fill(hourly("DE", [300, 310, 100, 120, 330, 340, 350, 360]).join("\n"));
    await page.getByTestId("when-result").waitFor();
    await page.locator("[data-testid=when-chart] canvas").waitFor();
    await context.close();
  });

  it("logged no console errors", () => {
    assert.deepEqual(
      consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)),
      [],
    );
  });
});

/** WCAG contrast ratio of two CSS colours as getComputedStyle returns them. */
const contrast = (a: string, b: string): number => {
  const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
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
