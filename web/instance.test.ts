// Cloud instance types, embodied emissions and the unknown-facility PUE on the page, in a real Chromium:
// the whole-node figure and its components equal `mlco2 estimate --instance … --format json`, picked from
// the list or opened from a link; an unknown id says "did you mean"; the instance list is a chunk of its
// own, loaded only when reached for; embodied emissions are their own figure and the Publish texts say
// so; phone width, labels, live region, contrast, offline; no console errors, no request to elsewhere.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { formatMassKg, formatRatio } from "../src/core/format-number.ts";
import { searchInstances } from "../src/core/instance-search.ts";
import { renderLatex } from "../src/core/report/latex.ts";
import { renderMarkdown } from "../src/core/report/markdown.ts";
import { renderModelCard } from "../src/core/report/model-card.ts";
import type { ComponentEstimate, EstimateResult } from "../src/core/types.ts";
import { dataset, estimate } from "../src/index.ts";
import { cliEstimate, launchBrowser, ROOT, startServer, type WebServer, waitForApp } from "./harness.ts";

let server: WebServer;
let browser: Browser;
const consoleErrors: string[] = [];
const elsewhere: string[] = [];

const newPage = async (viewport = { width: 1280, height: 900 }) => {
  const context = await browser.newContext({ viewport });
  context.on("request", (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith("data:"))
      elsewhere.push(request.url());
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  return { context, page };
};

const open = async (page: Page, query: string) => {
  await page.goto(`${server.url}${query}`);
  await waitForApp(page);
  await page.getByTestId("emissions").or(page.getByTestId("no-result")).waitFor();
};

const near = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.abs(expected), `${what}: ${actual} vs ${expected}`);

const figureOf = async (page: Page, testId: string) =>
  Number(await page.getByTestId(testId).getAttribute("data-value"));

/** The page shows the CLI's whole-node figures and each component's power and energy. */
const assertMatchesCli = async (page: Page, flags: readonly string[]) => {
  const cli = cliEstimate(flags) as unknown as EstimateResult;
  await page.locator("[data-testid=result]:not([data-stale])").waitFor();
  near(await figureOf(page, "emissions"), cli.emissionsKg, `emissions ${flags.join(" ")}`);
  near(await figureOf(page, "energy"), cli.energyKWh, "energy");
  near(await figureOf(page, "facility-energy"), cli.facilityEnergyKWh, "facility energy");
  assert.equal(
    ((await page.getByTestId("emissions").textContent()) ?? "").replace(/\s*CO2eq\s*$/, "").trim(),
    formatMassKg(cli.emissionsKg),
  );
  assert.equal(await page.getByTestId("derivation").textContent(), cli.derivation);
  const shown = await page.locator("[data-testid=components] li").evaluateAll((lis) =>
    lis.map((li) => ({
      component: li.getAttribute("data-component"),
      powerW: Number(li.getAttribute("data-power")),
      energyKWh: Number(li.getAttribute("data-energy")),
      text: li.textContent ?? "",
    })),
  );
  assert.deepEqual(
    shown.map((c) => c.component),
    cli.components.map((c: ComponentEstimate) => c.component),
  );
  cli.components.forEach((c: ComponentEstimate, i: number) => {
    const row = shown[i];
    assert.ok(row !== undefined);
    near(row.powerW, c.powerW, `${c.component} power`);
    near(row.energyKWh, c.energyKWh, `${c.component} energy`);
    assert.ok(row.text.startsWith(`${c.label}:`), `${row.text} starts with ${c.label}`);
  });
  return cli;
};

const entryFiles = () => {
  const html = readFileSync(`${ROOT}web/dist/index.html`, "utf8");
  return [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
};

describe("cloud instance types and embodied emissions on the page", () => {
  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    server?.stop();
  });

  describe("instance types", () => {
    let page: Page;
    let context: BrowserContext;
    const requested: string[] = [];
    before(async () => {
      ({ page, context } = await newPage());
      page.on("request", (r) => requested.push(r.url()));
    });
    after(() => context.close());

    it("keeps the instance types out of the entry bundle and loads them only when the switch is reached for", async () => {
      const entries = entryFiles();
      assert.ok(entries.length >= 2);
      for (const file of entries) {
        const code = readFileSync(`${ROOT}web/dist/${file}`, "utf8");
        for (const type of ["p4de.24xlarge", "a2-ultragpu-8g", "Standard_NC24ads_A100_v4", "c6i.large"])
          assert.ok(!code.includes(type), `${file} holds ${type}`);
      }
      await open(page, "");
      await page.waitForFunction(() => performance.getEntriesByName("mlco2:complete").length > 0);
      await page.waitForLoadState("networkidle");
      assert.deepEqual(
        requested.filter((u) => /instance-picker/.test(u)),
        [],
        "not loaded with the page",
      );
      await page.getByTestId("machine-instance").hover();
      await page.waitForFunction(() =>
        performance.getEntriesByType("resource").some((e) => /instance-picker/.test(e.name)),
      );
      assert.equal(requested.filter((u) => /instance-picker/.test(u)).length, 1, "loaded once reached for");
    });

    it("switches to instance types keeping the job, searches the provider's list, and prices as the CLI", async () => {
      const loaded = requested.length;
      await page.getByTestId("machine-instance").check();
      await page.getByTestId("instance").waitFor();
      // 8 × A100 80GB on Google Cloud: one instance of the type with 8 of them.
      const picked = await page.getByTestId("instance").inputValue();
      const type = dataset.instances.find((i) => `${i.provider}:${i.id}` === picked);
      assert.deepEqual(type?.accelerators, { hardware: "nvidia-a100-sxm4-80gb", count: 8 });
      assert.equal(await page.getByTestId("count").inputValue(), "1");
      assert.equal(await page.locator("label[for=count]").textContent(), "Instances");
      // Every option of the provider, with its GPUs, vCPUs and memory.
      const options = await page.locator("#instance option").allTextContents();
      assert.equal(options.length, dataset.instances.filter((i) => i.provider === "gcp").length);
      assert.ok(
        options.includes("a3-highgpu-8g · 8 × NVIDIA H100 SXM5 80GB · 208 vCPUs · 1,872 GB"),
        options.join("\n"),
      );
      await page.getByTestId("instance-search").fill("a3 high");
      await page.waitForFunction(() =>
        (document.querySelector("[data-testid=instance]") as HTMLSelectElement | null)?.value.startsWith(
          "gcp:a3-high",
        ),
      );
      // Typing selects the first match, as `mlco2 instances "a3 high" --provider gcp` lists them.
      const first = searchInstances(dataset, "a3 high", "gcp")[0];
      assert.equal(await page.getByTestId("instance").inputValue(), `gcp:${first?.id}`);
      await page.getByTestId("instance").selectOption("gcp:a3-highgpu-8g");
      await page.getByTestId("count").fill("2");
      await page.getByTestId("hours").fill("10");
      await assertMatchesCli(page, [
        "--instance",
        "gcp:a3-highgpu-8g",
        "--count",
        "2",
        "--hours",
        "10",
        "--region",
        "gcp:us-central1",
      ]);
      assert.match(
        (await page.getByTestId("instance-parts").textContent()) ?? "",
        /8 × NVIDIA H100 SXM5 80GB · 208 vCPUs of .+ · 1,872 GB memory/,
      );
      await page.waitForFunction(() => location.search.includes("inst=gcp%3Aa3-highgpu-8g"));
      await page.getByTestId("instance-search").fill("zzz no such type");
      await page.getByTestId("instance-search-status").getByText("No match").waitFor();
      assert.equal(await page.getByTestId("instance").inputValue(), "gcp:a3-highgpu-8g");
      assert.deepEqual(requested.slice(loaded), [], "no request while picking and pricing");
    });

    it("a new provider brings its own type with the same GPUs", async () => {
      await page.getByTestId("provider").selectOption("azure");
      await page.waitForFunction(() =>
        (document.querySelector("[data-testid=instance]") as HTMLSelectElement | null)?.value.startsWith(
          "azure:",
        ),
      );
      const picked = await page.getByTestId("instance").inputValue();
      const type = dataset.instances.find((i) => `${i.provider}:${i.id}` === picked);
      assert.deepEqual(type?.accelerators, { hardware: "nvidia-h100-sxm", count: 8 });
      const region = await page.getByTestId("region").inputValue();
      await assertMatchesCli(page, [
        "--instance",
        picked,
        "--count",
        "2",
        "--hours",
        "10",
        "--region",
        `azure:${region}`,
      ]);
    });

    for (const [query, flags] of [
      [
        "?inst=aws:p4d.24xlarge&n=1&h=24&r=aws:us-east-1",
        ["--instance", "aws:p4d.24xlarge", "--hours", "24", "--region", "aws:us-east-1"],
      ],
      [
        "?i=aws:p5.48xlarge&n=2&h=24",
        [
          "--instance",
          "aws:p5.48xlarge",
          "--count",
          "2",
          "--hours",
          "24",
          "--region",
          `aws:${dataset.regions.find((r) => r.provider === "aws")?.id}`,
        ],
      ],
      [
        "?inst=azure:Standard_ND96isr_H100_v5&n=1&h=100&c=FR",
        ["--instance", "azure:Standard_ND96isr_H100_v5", "--hours", "100", "--country", "FR"],
      ],
      [
        "?inst=aws:c6i.4xlarge&n=3&h=48&u=40&r=aws:eu-west-1",
        [
          "--instance",
          "aws:c6i.4xlarge",
          "--count",
          "3",
          "--hours",
          "48",
          "--cpu-utilization",
          "0.4",
          "--region",
          "aws:eu-west-1",
        ],
      ],
      [
        "?inst=gcp:a2-highgpu-4g&n=1&dh=96&i=300",
        ["--instance", "gcp:a2-highgpu-4g", "--device-hours", "96", "--intensity", "300"],
      ],
    ] as const) {
      it(`opens ${query} with the CLI's whole-node figure and components`, async () => {
        await open(page, query);
        await assertMatchesCli(page, flags);
        assert.equal(await page.getByTestId("machine-instance").isChecked(), true);
      });
    }

    it("prefills a placed-by-country instance's PUE with its provider's fleet value, as the engine uses it", async () => {
      await open(page, "?inst=azure:Standard_ND96isr_H100_v5&n=1&h=100&c=FR");
      const cli = cliEstimate([
        "--instance",
        "azure:Standard_ND96isr_H100_v5",
        "--hours",
        "100",
        "--country",
        "FR",
      ]);
      assert.equal(await page.getByTestId("pue").inputValue(), String(cli.pue));
      assert.match((await page.locator("#pue-hint").textContent()) ?? "", /Microsoft Azure's fleet-wide PUE/);
      assert.equal(await page.getByTestId("instance-provider").inputValue(), "azure");
    });

    it("says which types it knows for an unknown id: did you mean, under the field, and no number", async () => {
      await open(page, "?inst=aws:p4d.24xlarg&h=24");
      await page.getByTestId("no-result").waitFor();
      assert.equal(await page.getByTestId("emissions").count(), 0);
      const message = page.getByTestId("instance-message");
      await message.waitFor();
      assert.equal(
        await message.textContent(),
        'unknown Amazon Web Services instance type "p4d.24xlarg"; did you mean "aws:p4d.24xlarge", "aws:p4de.24xlarge", "aws:p3dn.24xlarge"?',
      );
      const select = page.getByTestId("instance");
      assert.equal(await select.getAttribute("aria-invalid"), "true");
      assert.ok(
        ((await select.getAttribute("aria-describedby")) ?? "").split(" ").includes("instance-message"),
      );
      await select.selectOption("aws:p4d.24xlarge");
      await page.getByTestId("emissions").waitFor();
      assert.equal(await page.getByTestId("instance-message").count(), 0);
      await open(page, "?inst=mars:big-1&h=1");
      await page.getByTestId("instance-message").waitFor();
      assert.match(
        (await page.getByTestId("instance-message").textContent()) ?? "",
        /unknown provider "mars".*aws, gcp, azure/,
      );
      await open(page, "?inst=aws:p4d.24xlarge&r=gcp:us-central1&h=1");
      assert.match(
        (await page.getByTestId("instance-message").textContent()) ?? "",
        /aws:p4d\.24xlarge is an instance type of Amazon Web Services, gcp:us-central1 a region of Google Cloud/,
      );
    });

    it("switches back to hardware × count with the same job", async () => {
      await open(page, "?inst=aws:p5.48xlarge&n=3&h=10&r=aws:us-east-1");
      await page.getByTestId("machine-hardware").check();
      assert.equal(await page.getByTestId("hardware").inputValue(), "nvidia-h100-sxm");
      assert.equal(await page.getByTestId("count").inputValue(), "24");
      await page.waitForFunction(
        () => location.search.includes("hw=nvidia-h100-sxm") && !location.search.includes("inst="),
      );
    });
  });

  describe("embodied emissions", () => {
    it("are their own figure beside the operational one, never in the headline, and the Publish texts say so", async () => {
      const { page, context } = await newPage();
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
      await open(page, "?inst=aws:p4d.24xlarge&n=2&h=24&r=aws:us-east-1");
      const operational = await figureOf(page, "emissions");
      await page.locator("summary", { hasText: "Advanced" }).click();
      await page.getByLabel("Include embodied emissions").check();
      await page.getByTestId("embodied").waitFor();
      const input = {
        instance: "aws:p4d.24xlarge",
        count: 2,
        hours: 24,
        region: "aws:us-east-1",
        embodied: true,
      };
      const cli = cliEstimate([
        "--instance",
        "aws:p4d.24xlarge",
        "--count",
        "2",
        "--hours",
        "24",
        "--region",
        "aws:us-east-1",
        "--embodied",
      ]) as unknown as EstimateResult;
      assert.ok(cli.embodied !== undefined);
      near(await figureOf(page, "emissions"), operational, "the headline stays operational");
      near(await figureOf(page, "emissions"), cli.emissionsKg, "headline");
      near(await figureOf(page, "embodied"), cli.embodied.kg, "embodied");
      near(await figureOf(page, "embodied-total"), cli.embodied.totalKg, "total with embodied");
      assert.equal(await page.getByTestId("embodied-derivation").textContent(), cli.embodied.derivation);
      await page.waitForFunction(() => location.search.includes("emb=1"));
      const result = estimate(input);
      for (const [id, text] of Object.entries({
        latex: renderLatex(result),
        markdown: renderMarkdown(result),
        "model-card": renderModelCard(result, { trainingType: "fine-tuning" }),
      })) {
        await page.getByTestId(`copy-${id}`).click();
        await page.getByTestId(`copy-${id}`).getByText("Copied").waitFor();
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text, id);
        assert.match(text, /embodied/i, `${id} says which figure includes it`);
      }
      // A link opens with it; without it the figure is absent.
      await open(page, "?hw=nvidia-h100-sxm&n=8&h=100&c=FR&emb=1");
      near(
        await figureOf(page, "embodied"),
        (
          cliEstimate([
            "--hardware",
            "nvidia-h100-sxm",
            "--count",
            "8",
            "--hours",
            "100",
            "--country",
            "FR",
            "--embodied",
          ]) as unknown as EstimateResult
        ).embodied?.kg ?? Number.NaN,
        "embodied from a link",
      );
      assert.equal(await page.getByLabel("Include embodied emissions").isChecked(), true);
      await open(page, "?hw=nvidia-h100-sxm&n=8&h=100&c=FR");
      assert.equal(await page.getByTestId("embodied").count(), 0);
      await context.close();
    });

    it("says why there is no embodied figure for a device given only by its watts", async () => {
      const { page, context } = await newPage();
      await open(page, "?hw=&w=300&n=2&h=10&c=FR&emb=1");
      await page.getByTestId("hardware-message").waitFor();
      assert.match((await page.getByTestId("hardware-message").textContent()) ?? "", /embodied/);
      await context.close();
    });
  });

  it("words the unknown facility's PUE as the industry average with its range", async () => {
    const { page, context } = await newPage();
    await open(page, "?hw=nvidia-h100-sxm&n=8&h=100&c=FR");
    const pue = dataset.defaults.unknownFacilityPue;
    const [low, high] = [pue.range?.low ?? Number.NaN, pue.range?.high ?? Number.NaN];
    assert.equal(await page.getByTestId("pue").inputValue(), String(pue.value));
    assert.match(
      (await page.locator("#pue-hint").textContent()) ?? "",
      new RegExp(
        `^Prefilled: no published PUE for this place: ${formatRatio(pue.value)}, the industry average, assumed; the range goes from ${formatRatio(low)} \\(an efficient facility\\) to ${formatRatio(high)} \\(Uptime Institute`,
      ),
    );
    await context.close();
  });

  describe("accessibility", () => {
    it("labels every control, and announces the whole node and the embodied figure in the one live region", async () => {
      const { page, context } = await newPage();
      await open(page, "?inst=aws:p4d.24xlarge&n=1&h=24&c=DE&emb=1");
      await page.getByTestId("instance").waitFor();
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll("form input, form select")]
          .filter((e) => (e as HTMLInputElement).labels?.length === 0 && !e.getAttribute("aria-label"))
          .map((e) => e.id || e.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(unlabelled, []);
      for (const id of ["instance-search", "instance", "instance-provider", "include-embodied"])
        assert.ok((await page.getByTestId(id).count()) === 1, id);
      assert.equal(
        await page.getByLabel("Instance type", { exact: true }).getAttribute("id"),
        "instance-search",
      );
      assert.equal(
        await page.getByLabel("Provider of the instance type").getAttribute("id"),
        "instance-provider",
      );
      const live = page.getByTestId("live-result");
      assert.equal(await live.getAttribute("aria-live"), "polite");
      await page.waitForFunction(() =>
        (document.querySelector("[data-testid=live-result]")?.textContent ?? "").includes("Embodied"),
      );
      const said = (await live.textContent()) ?? "";
      const emissions = ((await page.getByTestId("emissions").textContent()) ?? "")
        .replace(/\s*CO2eq\s*$/, "")
        .trim();
      const embodied = ((await page.getByTestId("embodied").textContent()) ?? "")
        .replace(/\s*CO2eq\s*$/, "")
        .trim();
      assert.ok(
        said.includes(`Emissions ${emissions} CO2eq`) && said.includes(`Embodied ${embodied} CO2eq`),
        said,
      );
      // The search status is polite too, and says when nothing matches.
      assert.equal(await page.getByTestId("instance-search-status").getAttribute("aria-live"), "polite");
      await context.close();
    });

    for (const scheme of ["light", "dark"] as const) {
      it(`the instance controls' borders reach 3:1 (${scheme})`, async () => {
        const { page, context } = await newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await open(page, "?inst=aws:p4d.24xlarge&n=1&h=24&c=DE");
        await page.getByTestId("instance").waitFor();
        const pairs = (await page.evaluate(`(() => {
          const backgroundOf = (e) => {
            for (let n = e; n !== null; n = n.parentElement) {
              const bg = getComputedStyle(n).backgroundColor;
              if (bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") return bg;
            }
            return getComputedStyle(document.body).backgroundColor;
          };
          return ["instance-search", "instance", "instance-provider", "count", "hours"].map((id) => {
            const e = document.getElementById(id);
            return { what: id, a: getComputedStyle(e).borderTopColor, b: backgroundOf(e.parentElement) };
          });
        })()`)) as { what: string; a: string; b: string }[];
        for (const { what, a, b } of pairs)
          assert.ok(contrast(a, b) >= 3, `${scheme} ${what}: ${a} on ${b} is ${contrast(a, b).toFixed(2)}:1`);
        await context.close();
      });
    }
  });

  describe("at phone width (390 × 844)", () => {
    it("fits the instance picker and the result without horizontal scroll, result in view while editing", async () => {
      const { page, context } = await newPage({ width: 390, height: 844 });
      await open(page, "?inst=gcp:a3-highgpu-8g&n=2&h=10&emb=1");
      await page.getByTestId("instance").waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than a phone screen`);
      for (const id of ["instance-search", "instance", "count", "components", "embodied"]) {
        const box = await page.getByTestId(id).boundingBox();
        assert.ok(
          box !== null && box.x >= 0 && box.x + box.width <= 390,
          `${id} fits: ${JSON.stringify(box)}`,
        );
      }
      await page.getByTestId("count").scrollIntoViewIfNeeded();
      await page.getByTestId("count").fill("4");
      await page.waitForTimeout(150);
      const bar = page.getByTestId("summary");
      assert.ok(await bar.isVisible(), "the summary bar shows the result while the form is edited");
      near(Number(await bar.getAttribute("data-value")), await figureOf(page, "emissions"), "summary");
      mkdirSync(`${ROOT}test-artifacts`, { recursive: true });
      await page.screenshot({ path: `${ROOT}test-artifacts/web-instance-phone.png` });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: `${ROOT}test-artifacts/web-instance.png` });
      await context.close();
    });
  });

  it("prices an instance type offline: the chunk comes from the service worker's copy", async () => {
    const { page, context } = await newPage();
    await open(page, "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=gcp:us-central1");
    const ready = await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), 10_000)),
      ]),
    );
    assert.equal(ready, true, "a service worker is active");
    await context.setOffline(true);
    await open(page, "?inst=aws:p4d.24xlarge&n=1&h=24&r=aws:us-east-1");
    near(
      await figureOf(page, "emissions"),
      cliEstimate(["--instance", "aws:p4d.24xlarge", "--hours", "24", "--region", "aws:us-east-1"])
        .emissionsKg,
      "offline",
    );
    await context.close();
  });

  it("says so, and shows no number, when the instance types cannot be fetched", async () => {
    const { page, context } = await newPage();
    await context.route(/instance-picker/, (route) => route.abort());
    await page.goto(`${server.url}?inst=aws:p4d.24xlarge&n=1&h=24`);
    await waitForApp(page);
    await page.getByTestId("no-result").getByText("could not be loaded").waitFor();
    assert.match((await page.getByTestId("instance-loading").textContent()) ?? "", /could not be loaded/);
    assert.equal(await page.getByTestId("emissions").count(), 0);
    // The sections below still load: only the instance job waits.
    await page.locator("#publish").waitFor();
    await context.close();
  });

  it("logged no console errors and asked nothing of any other origin", () => {
    // The aborted chunk above is the one expected error (Chromium logs the failed request).
    assert.deepEqual(
      consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_FAILED/.test(e)),
      [],
    );
    assert.deepEqual(elsewhere, []);
  });
});

/** WCAG contrast ratio of two CSS colours (rgb/rgba as getComputedStyle returns them). */
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
