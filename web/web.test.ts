// The web calculator in a real Chromium: results equal the CLI's, permalinks, copy buttons, the chart,
// field messages, no console errors and no network after load. Saves screenshots to test-artifacts/.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { formatMassKg } from "../src/core/format-number.ts";
import { renderLatex } from "../src/core/report/latex.ts";
import { renderMarkdown } from "../src/core/report/markdown.ts";
import { renderModelCard } from "../src/core/report/model-card.ts";
import { dataset, estimate } from "../src/index.ts";
import { cliEstimate, launchBrowser, ROOT, startServer, type WebServer, waitForApp } from "./harness.ts";

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];
let requestsAtLoad = 0;

const figure = async (testId: string) => {
  const element = page.getByTestId(testId);
  const value = Number(await element.getAttribute("data-value"));
  const text = ((await element.textContent()) ?? "").replace(/\s*CO2eq\s*$/, "").trim();
  return { value, text };
};

/** Asserts the page shows the CLI's figures for the same flags, to display precision and in data-value. */
const assertMatchesCli = async (flags: readonly string[]) => {
  const cli = cliEstimate(flags);
  const emissions = await figure("emissions");
  assert.equal(emissions.text, formatMassKg(cli.emissionsKg));
  assert.ok(
    Math.abs(emissions.value - cli.emissionsKg) <= 1e-9 * Math.abs(cli.emissionsKg),
    `${emissions.value} vs ${cli.emissionsKg}`,
  );
  const energy = await figure("energy");
  assert.ok(
    Math.abs(energy.value - cli.energyKWh) <= 1e-9 * Math.abs(cli.energyKWh),
    `${energy.value} vs ${cli.energyKWh}`,
  );
};

const open = async (query = "") => {
  await page.goto(`${server.url}${query}`);
  await waitForApp(page);
  await page.getByTestId("emissions").or(page.getByTestId("no-result")).waitFor();
};

describe("web calculator", () => {
  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    context.on("request", (request) => {
      requests.push(request.url());
    });
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    await open();
    await page.waitForLoadState("networkidle");
    requestsAtLoad = requests.length;
  });
  after(async () => {
    await browser?.close();
    server?.stop();
  });

  it("loads only from its own origin and shows the default result", async () => {
    assert.ok(requestsAtLoad >= 2, `requests: ${requests.join(", ")}`);
    for (const url of requests) assert.ok(url.startsWith(server.url) || url.startsWith("data:"), url);
    await assertMatchesCli([
      "--hardware",
      "nvidia-a100-sxm4-80gb",
      "--count",
      "8",
      "--hours",
      "100",
      "--region",
      "gcp:us-central1",
    ]);
  });

  it("matches the CLI for a cloud region", async () => {
    await page.getByTestId("hardware-search").fill("H100 SXM");
    await page.getByTestId("count").fill("16");
    await page.getByTestId("hours").fill("72.5");
    await page.getByTestId("provider").selectOption("aws");
    await page.getByTestId("region").selectOption("eu-west-1");
    const hardware = await page.getByTestId("hardware").inputValue();
    assert.match(hardware, /h100/);
    await assertMatchesCli([
      "--hardware",
      hardware,
      "--count",
      "16",
      "--hours",
      "72.5",
      "--region",
      "aws:eu-west-1",
    ]);
  });

  it("shows one bar per region of the provider, the chosen one marked", async () => {
    const bars = page.locator("[data-testid=region-chart] [data-bar]");
    assert.equal(await bars.count(), dataset.regions.filter((r) => r.provider === "aws").length);
    assert.equal(
      await page.locator("[data-testid=region-chart] [aria-current=true]").getAttribute("data-bar"),
      "eu-west-1",
    );
  });

  it("matches the CLI for a country, with utilization", async () => {
    await page.getByTestId("where-grid").check();
    await page.getByTestId("place-search").fill("Germany");
    await page.locator("summary", { hasText: "Advanced" }).click();
    await page.getByTestId("utilization").fill("60");
    assert.equal(await page.getByTestId("place").inputValue(), "c:DE");
    const hardware = await page.getByTestId("hardware").inputValue();
    await assertMatchesCli([
      "--hardware",
      hardware,
      "--count",
      "16",
      "--hours",
      "72.5",
      "--country",
      "DE",
      "--utilization",
      "0.6",
    ]);
    await page.getByTestId("utilization").fill("");
  });

  it("matches the CLI for a custom intensity, with offsets shown beside and not subtracted", async () => {
    await page.getByTestId("where-custom").check();
    await page.getByTestId("intensity").fill("250");
    await page.getByTestId("offsets").fill("40");
    const hardware = await page.getByTestId("hardware").inputValue();
    const flags = ["--hardware", hardware, "--count", "16", "--hours", "72.5", "--intensity", "250"];
    await assertMatchesCli(flags);
    const net = Number(await page.getByTestId("offset-net").getAttribute("data-value"));
    assert.ok(Math.abs(net - cliEstimate(flags).emissionsKg * 0.6) < 1e-9);
  });

  it("matches the CLI for many devices, device-hours and a PUE in a grid zone", async () => {
    await page.getByTestId("hardware-search").fill("TPU v4");
    await page.getByTestId("count").fill("64");
    await page.getByTestId("time-deviceHours").check();
    await page.getByTestId("device-hours").fill("12000");
    await page.getByTestId("where-grid").check();
    await page.getByTestId("place-search").fill("US-CAL-CISO");
    await page.getByTestId("pue").fill("1.3");
    const hardware = await page.getByTestId("hardware").inputValue();
    assert.match(hardware, /v4/);
    await assertMatchesCli([
      "--hardware",
      hardware,
      "--count",
      "64",
      "--device-hours",
      "12000",
      "--zone",
      "US-CAL-CISO",
      "--pue",
      "1.3",
    ]);
  });

  it("made no request while the form was used", () => {
    assert.deepEqual(requests.slice(requestsAtLoad), []);
  });

  it("copies a permalink that restores the same inputs and result", async () => {
    const before = await figure("emissions");
    await page.getByTestId("copy-link").click();
    await page.getByTestId("copy-link").getByText("Copied").waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(link.startsWith(server.url), link);
    const other = await context.newPage();
    await other.goto(link);
    await waitForApp(other);
    const element = other.getByTestId("emissions");
    await element.waitFor();
    assert.equal(Number(await element.getAttribute("data-value")), before.value);
    assert.equal(await other.getByTestId("pue").inputValue(), "1.3");
    assert.equal(await other.getByTestId("device-hours").inputValue(), "12000");
    assert.equal(await other.getByTestId("count").inputValue(), "64");
    await other.close();
  });

  it("copies the LaTeX, Markdown and model-card texts of the shared report renderers", async () => {
    await open("?hw=nvidia-tesla-v100-sxm2-32gb&n=4&h=100&r=aws:us-east-1");
    const result = estimate({
      hardware: "nvidia-tesla-v100-sxm2-32gb",
      count: 4,
      hours: 100,
      region: "aws:us-east-1",
    });
    const expected = {
      latex: renderLatex(result),
      markdown: renderMarkdown(result),
      "model-card": renderModelCard(result, { trainingType: "fine-tuning" }),
    };
    for (const [id, text] of Object.entries(expected)) {
      await page.getByTestId(`copy-${id}`).click();
      await page.getByTestId(`copy-${id}`).getByText("Copied").waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text, id);
    }
  });

  it("shows the field's message and keeps the last result, marked stale, for a bad value", async () => {
    const before = await figure("emissions");
    await page.getByTestId("hours").fill("-5");
    await page.getByTestId("hours-message").waitFor();
    assert.match((await page.getByTestId("hours-message").textContent()) ?? "", /-5 is not allowed/);
    assert.equal(await page.getByTestId("result").getAttribute("data-stale"), "true");
    assert.equal((await figure("emissions")).value, before.value);
    await page.getByTestId("hours").fill("abc");
    await page.getByTestId("hours-message").getByText('"abc" is not a number').waitFor();
    assert.doesNotMatch((await page.locator("body").textContent()) ?? "", /NaN/);
    await page.getByTestId("hours").fill("100");
    await page.locator("[data-testid=result]:not([data-stale])").waitFor();
  });

  it("shows no result, only the messages, when a link's inputs are bad from the start", async () => {
    await open("?hw=nvidia-h100-sxm&n=8&h=-1&r=gcp:us-central1");
    await page.getByTestId("no-result").waitFor();
    assert.equal(await page.getByTestId("emissions").count(), 0);
    assert.match((await page.getByTestId("hours-message").textContent()) ?? "", /-1 is not allowed/);
  });

  it("saves screenshots of the filled page, desktop and phone width", async () => {
    mkdirSync(`${ROOT}test-artifacts`, { recursive: true });
    await open("?hw=nvidia-h100-sxm&n=8&h=240&r=azure:westeurope");
    await page.screenshot({ path: `${ROOT}test-artifacts/web.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${ROOT}test-artifacts/web-phone.png` });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than a phone screen`);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("logged no console errors and made no request after load", () => {
    assert.deepEqual(consoleErrors, []);
    const later = requests.slice(requestsAtLoad).filter((url) => !url.startsWith("data:"));
    // Only the test's own navigations (permalink and reloads) may appear, all same-origin documents/assets.
    for (const url of later) assert.ok(url.startsWith(server.url), url);
  });
});
