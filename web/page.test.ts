// The page as a new user and a fuzzer meet it, in a real Chromium: the hardware search agrees with the
// CLI, the result stays in view and on screen while typing, links and permalinks, phone layout,
// accessibility (live region, described errors, contrast, new-tab links) and working offline.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { cliEstimate, launchBrowser, startServer, type WebServer, waitForApp } from "./harness.ts";

let server: WebServer;
let browser: Browser;
const consoleErrors: string[] = [];

const newPage = async (options: { width?: number; height?: number } = {}) => {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  return { context, page };
};

const open = async (page: Page, query = "") => {
  await page.goto(`${server.url}${query}`);
  await waitForApp(page);
  await page.getByTestId("emissions").or(page.getByTestId("no-result")).waitFor();
};

const value = async (page: Page, testId: string) =>
  Number(await page.getByTestId(testId).getAttribute("data-value"));

/** WCAG contrast ratio of two CSS colours (rgb/rgba as getComputedStyle returns them, alpha over `under`). */
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

describe("the page, hardened", () => {
  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    server?.stop();
  });

  describe("hardware search", () => {
    let page: Page;
    let context: BrowserContext;
    before(async () => {
      ({ page, context } = await newPage());
      await open(page);
    });
    after(() => context.close());

    const pick = async (query: string) => {
      await page.getByTestId("hardware-search").fill(query);
      return page.getByTestId("hardware").inputValue();
    };

    it("picks what `mlco2 estimate --hardware` resolves the query to", async () => {
      for (const query of ["H100", "M2", "V100", "TPU v4"]) {
        const cli = cliEstimate(["--hardware", query, "--hours", "1", "--intensity", "100"]);
        const job = cli.job as { hardware: { id: string } };
        assert.equal(await pick(query), job.hardware.id, query);
      }
      assert.equal(await pick("H100"), "nvidia-h100-sxm");
      assert.notEqual(await pick("M2"), "nvidia-tesla-p100-sxm2-16gb");
    });

    it("ranks whole words and prefixes where the resolver knows nothing", async () => {
      assert.match(await pick("a100 80"), /^nvidia-a100-.*80gb$/);
      assert.equal(await pick("mi300"), "amd-instinct-mi300x");
      assert.equal(await pick("h100 pci"), "nvidia-h100-pcie");
    });

    it('says "no match" and keeps the selection when nothing matches', async () => {
      const before = await pick("a100 80");
      assert.equal(await pick("zzqx 9000"), before);
      assert.match((await page.getByTestId("hardware-search-status").textContent()) ?? "", /no match/i);
      await pick("mi300");
      assert.doesNotMatch(
        (await page.getByTestId("hardware-search-status").textContent()) ?? "",
        /no match/i,
      );
    });

    it('offers "missing hardware?" and a link to the project', async () => {
      const missing = page.getByTestId("missing-hardware");
      await missing.click();
      assert.ok(await page.getByTestId("watts").isVisible(), "the measured-power field opens");
      const project = page.getByTestId("project-link");
      assert.match((await project.getAttribute("href")) ?? "", /^https:\/\//);
    });
  });

  describe("while typing", () => {
    let page: Page;
    let context: BrowserContext;
    before(async () => {
      ({ page, context } = await newPage());
    });
    after(() => context.close());

    it("switching to device-hours prefills count × hours and keeps the result", async () => {
      await open(page, "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=gcp:us-central1");
      const before = await value(page, "emissions");
      await page.getByTestId("time-deviceHours").check();
      assert.equal(await page.getByTestId("device-hours").inputValue(), "800");
      assert.equal(await value(page, "emissions"), before);
      await page.getByTestId("time-hours").check();
      assert.equal(await page.getByTestId("hours").inputValue(), "100");
    });

    it("a half-typed value keeps the last result, chart and Publish, marked stale", async () => {
      await open(page, "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=gcp:us-central1");
      await page.getByTestId("copy-latex").waitFor();
      const before = await value(page, "emissions");
      const hours = page.getByTestId("hours");
      await hours.click();
      await hours.press("End");
      await hours.pressSequentially("e", { delay: 20 });
      assert.equal(await hours.inputValue(), "100e");
      assert.equal(await page.getByTestId("result").getAttribute("data-stale"), "true");
      assert.equal(await value(page, "emissions"), before);
      assert.ok(await page.getByTestId("region-chart").isVisible());
      assert.ok(await page.getByTestId("copy-latex").isVisible());
      assert.equal(await page.getByTestId("publish").getAttribute("data-stale"), "true");
      await hours.pressSequentially("1");
      await page.locator("[data-testid=result]:not([data-stale])").waitFor();
      const after = await value(page, "emissions");
      assert.ok(Math.abs(after - 10 * before) < 1e-9 * after, "100e1 h = 10 × 100 h");
      assert.equal(await page.getByTestId("publish").getAttribute("data-stale"), null);
    });

    it("shows a field's message once typing pauses, never as an alert per keystroke", async () => {
      await open(page, "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=gcp:us-central1");
      await page.evaluate(() => {
        const w = window as unknown as { alerts: number; messageTexts: string[] };
        w.alerts = 0;
        w.messageTexts = [];
        new MutationObserver((records) => {
          for (const r of records)
            for (const node of r.addedNodes)
              if (
                node instanceof Element &&
                (node.matches("[role=alert]") || node.querySelector("[role=alert]"))
              )
                w.alerts++;
          const m = document.getElementById("hours-message")?.textContent ?? "";
          if (m !== (w.messageTexts.at(-1) ?? "")) w.messageTexts.push(m);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      const hours = page.getByTestId("hours");
      await hours.fill("");
      await hours.pressSequentially("-5x7", { delay: 60 });
      await page.getByTestId("hours-message").waitFor();
      const seen = await page.evaluate(() => {
        const w = window as unknown as { alerts: number; messageTexts: string[] };
        return { alerts: w.alerts, messageTexts: w.messageTexts };
      });
      assert.equal(seen.alerts, 0, "no role=alert element");
      assert.ok(seen.messageTexts.length <= 1, `message changed ${seen.messageTexts.length} times`);
      assert.equal(await hours.getAttribute("aria-invalid"), "true");
      assert.ok(((await hours.getAttribute("aria-describedby")) ?? "").split(" ").includes("hours-message"));
      const text = (await page.getByTestId("hours-message").textContent()) ?? "";
      assert.match(text, /"-5x7"/);
      assert.doesNotMatch(text, /^hours:/, "the field's own label names it");
      await hours.fill("-5");
      await page
        .getByTestId("hours-message")
        .getByText(/-5 is not allowed/)
        .waitFor();
      await hours.fill("100");
      await page.locator("[data-testid=result]:not([data-stale])").waitFor();
      assert.equal(await page.getByTestId("hours-message").count(), 0);
    });

    it("ties the select and search fields' messages to them too", async () => {
      await open(page, "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=aws:nowhere-1");
      const region = page.getByTestId("region-message");
      await region.waitFor();
      assert.ok(
        ((await page.getByTestId("region").getAttribute("aria-describedby")) ?? "").includes(
          "region-message",
        ),
      );
      await open(page, "?hw=no-such-gpu&n=8&h=100&r=gcp:us-central1");
      await page.getByTestId("hardware-message").waitFor();
      assert.ok(
        ((await page.getByTestId("hardware").getAttribute("aria-describedby")) ?? "").includes(
          "hardware-message",
        ),
      );
    });

    it("announces the result in one polite live region, once per pause", async () => {
      await open(page, "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=gcp:us-central1");
      const live = page.getByTestId("live-result");
      assert.equal(await live.getAttribute("aria-live"), "polite");
      await page.evaluate(() => {
        const w = window as unknown as { announced: string[] };
        w.announced = [];
        const node = document.querySelector("[data-testid=live-result]");
        if (node === null) throw new Error("no live region");
        new MutationObserver(() => w.announced.push(node.textContent ?? "")).observe(node, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
      const hours = page.getByTestId("hours");
      await hours.fill("");
      await hours.pressSequentially("12345", { delay: 40 });
      await page.waitForFunction(() => (window as unknown as { announced: string[] }).announced.length > 0);
      await page.waitForTimeout(800);
      const announced = await page.evaluate(() => (window as unknown as { announced: string[] }).announced);
      assert.ok(announced.length <= 2, `announced ${announced.length} times: ${announced.join(" | ")}`);
      const emissions = (await page.getByTestId("emissions").textContent()) ?? "";
      assert.ok(
        (announced.at(-1) ?? "").includes(emissions.replace(/\s*CO2eq\s*$/, "").trim()),
        `${announced.at(-1)} vs ${emissions}`,
      );
    });
  });

  describe("links and permalinks", () => {
    let page: Page;
    let context: BrowserContext;
    before(async () => {
      ({ page, context } = await newPage());
    });
    after(() => context.close());

    it("keeps the #fragment when the permalink updates", async () => {
      await open(page, "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=gcp:us-central1#learn");
      await page.getByTestId("hours").fill("123");
      await page.waitForFunction(() => location.search.includes("h=123"));
      assert.equal(await page.evaluate(() => location.hash), "#learn");
    });

    it('reads ?r=nope as a bad link, not as provider "nop", and falls back to the default', async () => {
      await open(page, "?r=nope");
      assert.equal(await page.getByTestId("provider").inputValue(), "gcp");
      assert.equal(await page.getByTestId("region").inputValue(), "us-central1");
      await page.getByTestId("emissions").waitFor();
      assert.match((await page.getByTestId("link-problem").textContent()) ?? "", /"nope"/);
      assert.doesNotMatch((await page.locator("main").textContent()) ?? "", /\bnop\b/);
      await open(page, "?r=mars:olympus-1");
      assert.equal(await page.getByTestId("provider").inputValue(), "gcp");
      assert.match((await page.getByTestId("link-problem").textContent()) ?? "", /mars/);
    });

    it("cites no file a visitor cannot open (docs/methodology.md)", async () => {
      let methodLinks = 0;
      for (const query of [
        "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=gcp:us-central1",
        "?hw=nvidia-h100-sxm&n=8&h=100&r=azure:westeurope",
        "?hw=nvidia-h100-sxm&n=8&h=100&c=DE",
        "?w=300&n=2&h=10&i=250&off=40",
      ]) {
        await open(page, query);
        await page.getByTestId("emissions").waitFor();
        await page.locator("details.factors summary").click();
        await page.locator("details.factors table").waitFor();
        // The result (factor table included), Learn and Data; Publish holds the shared report texts.
        const where = page.locator("[data-testid=result], #learn, #data");
        const hrefs = await where.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        for (const href of hrefs) assert.doesNotMatch(href ?? "", /methodology\.md/, query);
        for (const text of await where.allTextContents()) assert.doesNotMatch(text, /methodology\.md/, query);
        methodLinks += await page.locator('details.factors a[href="#method"]').count();
      }
      assert.ok(methodLinks > 0, "the factor table links the page's own method");
      await open(page, "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=gcp:us-central1");
      await page.locator("details.factors summary").click();
      await page.locator('details.factors a[href="#method"]').first().click();
      await page.locator("#method").waitFor();
      assert.ok(await page.locator("#method").isVisible());
    });

    it("says when a link opens a new tab", async () => {
      await open(page, "?hw=nvidia-h100-sxm&n=8&h=100&r=azure:westeurope");
      await page.locator("details.factors summary").click();
      await page.locator("#data table, #data details").first().waitFor();
      await page.locator("#data summary").click();
      const names = await page
        .locator("a[target=_blank]")
        .evaluateAll((as) => as.map((a) => `${a.getAttribute("aria-label") ?? ""} ${a.textContent ?? ""}`));
      assert.ok(names.length > 50, `${names.length} new-tab links`);
      for (const name of names) assert.match(name, /new tab/i, name);
    });
  });

  describe("at phone width (390 × 844)", () => {
    let page: Page;
    let context: BrowserContext;
    before(async () => {
      ({ page, context } = await newPage({ width: 390, height: 844 }));
    });
    after(() => context.close());

    const inView = async (testId: string) => {
      const box = await page.getByTestId(testId).boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 844 && box.height > 0;
    };

    it("keeps a compact result in view while the form is edited", async () => {
      await open(page, "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=gcp:us-central1");
      const edits: string[] = [];
      for (const [field, text] of [
        ["hours", "250"],
        ["count", "4"],
        ["pue", "1.3"],
      ] as const) {
        await page.getByTestId(field).scrollIntoViewIfNeeded();
        await page.getByTestId(field).fill(text);
        await page.waitForTimeout(100); // the bar follows the headline's visibility on the next frame
        const shown = (await inView("summary"))
          ? "summary"
          : (await inView("emissions"))
            ? "emissions"
            : null;
        assert.ok(shown !== null, `the result is in view after editing ${field}`);
        assert.equal(await value(page, shown), await value(page, "emissions"), field);
        if (shown === "summary") {
          const box = await page.getByTestId(field).boundingBox();
          const bar = await page.getByTestId("summary").boundingBox();
          assert.ok(box !== null && bar !== null && box.y + box.height <= bar.y, `${field} is above the bar`);
        }
        edits.push(shown);
      }
      assert.equal(edits[0], "summary", "the form's first field is a screen above the result");
    });

    it("makes the location-based figure the one headline; market-based smaller", async () => {
      await open(page, "?hw=nvidia-h100-sxm&n=8&h=240&r=azure:westeurope");
      const size = (id: string) =>
        page.getByTestId(id).evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
      assert.ok((await size("emissions")) >= 1.6 * (await size("market-based")));
      const main = await page.getByTestId("emissions").boundingBox();
      const market = await page.getByTestId("market-based").boundingBox();
      assert.ok(main !== null && market !== null && market.y > main.y, "market-based comes after");
      const box = (sel: string) =>
        page.locator(sel).evaluate((e) => {
          const r = e.getBoundingClientRect();
          return r.width * r.height;
        });
      assert.ok((await box(".figure.market")) < 0.8 * (await box(".figure.main")));
    });

    it("aligns the form's fields", async () => {
      await open(page, "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=gcp:us-central1");
      const [count, hours, search] = await Promise.all(
        ["count", "hours", "hardware-search"].map((id) => page.getByTestId(id).boundingBox()),
      );
      assert.ok(count && hours && search);
      assert.ok(Math.abs(count.width - hours.width) <= 1, `${count.width} vs ${hours.width}`);
      assert.ok(Math.abs(count.y - hours.y) <= 1);
      assert.ok(Math.abs(hours.x + hours.width - (search.x + search.width)) <= 1, "right edges align");
    });

    it("shows the intensity in every region and place dropdown", async () => {
      const fits = async (testId: string) =>
        page.getByTestId(testId).evaluate((select: HTMLSelectElement) => {
          const style = getComputedStyle(select);
          const ctx = document.createElement("canvas").getContext("2d");
          if (ctx === null) throw new Error("no canvas");
          ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const room =
            select.clientWidth -
            Number.parseFloat(style.paddingLeft) -
            Number.parseFloat(style.paddingRight) -
            16; // the arrow
          const bad: string[] = [];
          for (const option of select.options) {
            const label = option.textContent ?? "";
            const end = label.indexOf("g/kWh");
            if (end < 0) continue;
            if (ctx.measureText(label.slice(0, end + 5)).width > room) bad.push(label);
          }
          return { bad, total: select.options.length };
        });
      await open(page, "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=azure:westeurope");
      for (const provider of ["gcp", "aws", "azure", "ovhcloud"]) {
        await page.getByTestId("provider").selectOption(provider);
        const { bad, total } = await fits("region");
        assert.ok(total > 3);
        assert.deepEqual(bad, [], provider);
      }
      await page.getByTestId("where-grid").check();
      const { bad, total } = await fits("place");
      assert.ok(total > 100);
      assert.deepEqual(bad, []);
    });

    it("collapses the Data table, so the page stays short", async () => {
      await open(page, "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=gcp:us-central1");
      await page.locator("#data").waitFor();
      assert.equal(await page.getByTestId("sources").isVisible(), false);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height < 12_000, `page is ${height}px tall`);
      await page.locator("#data summary").click();
      assert.ok(await page.getByTestId("sources").isVisible());
    });
  });

  describe("contrast", () => {
    for (const scheme of ["light", "dark"] as const) {
      it(`input borders and chart bars reach 3:1 (${scheme})`, async () => {
        const { page, context } = await newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await open(page, "?hw=nvidia-a100-sxm4-80gb&n=8&h=100&r=gcp:us-central1");
        await page.getByTestId("region-chart").waitFor();
        // A string, not a function: the test's compiler would add helpers the page does not have.
        const pairs = (await page.evaluate(`(() => {
          const backgroundOf = (e) => {
            for (let n = e; n !== null; n = n.parentElement) {
              const bg = getComputedStyle(n).backgroundColor;
              if (bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") return bg;
            }
            return getComputedStyle(document.body).backgroundColor;
          };
          const out = [];
          for (const e of document.querySelectorAll("form input[type=text], form input[type=search], form select")) {
            const border = getComputedStyle(e).borderTopColor;
            out.push({ what: e.id + " border/inside", a: border, b: backgroundOf(e) });
            out.push({ what: e.id + " border/outside", a: border, b: backgroundOf(e.parentElement) });
          }
          for (const sel of [".chart li:not(.current) .bar", ".chart li.current .bar"]) {
            const bar = document.querySelector(sel);
            if (bar === null) throw new Error("no " + sel);
            out.push({ what: sel, a: getComputedStyle(bar).backgroundColor, b: backgroundOf(bar.parentElement) });
          }
          return out;
        })()`)) as { what: string; a: string; b: string }[];
        assert.ok(pairs.length > 10);
        for (const { what, a, b } of pairs) {
          assert.ok(contrast(a, b) >= 3, `${scheme} ${what}: ${a} on ${b} is ${contrast(a, b).toFixed(2)}:1`);
        }
        await context.close();
      });
    }
  });

  describe("offline", () => {
    it("reloads and computes with the network gone (service worker)", async () => {
      const { page, context } = await newPage();
      await open(page, "?hw=nvidia-h100-sxm&n=8&h=240&r=azure:westeurope");
      const ready = await page.evaluate(() =>
        Promise.race([
          navigator.serviceWorker.ready.then(() => true),
          new Promise((resolve) => setTimeout(() => resolve(false), 10_000)),
        ]),
      );
      assert.equal(ready, true, "a service worker is active");
      const before = await value(page, "emissions");
      await context.setOffline(true);
      await page.reload();
      await waitForApp(page);
      await page.getByTestId("emissions").waitFor();
      assert.equal(await value(page, "emissions"), before);
      await page.goto(`${server.url}?hw=nvidia-a100-sxm4-80gb&n=2&h=10&c=FR`);
      await waitForApp(page);
      await page.getByTestId("emissions").waitFor();
      await page.locator("#learn .topic").first().waitFor();
      await page.locator("#data summary").click();
      await page.getByTestId("sources").waitFor();
      await context.close();
    });
  });

  it("logged no console errors", () => {
    assert.deepEqual(
      consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)),
      [],
    );
  });
});
