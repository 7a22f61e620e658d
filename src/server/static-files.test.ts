import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Hono } from "hono";
import type { AppEnv } from "./auth.ts";
import { inlineScriptHashes, mountPages } from "./static-files.ts";

const dir = mkdtempSync(join(tmpdir(), "mlco2-pages-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("static pages", () => {
  it("hashes inline scripts as CSP does, and only inline ones", () => {
    // The CSP Level 2 specification's own example.
    assert.deepEqual(inlineScriptHashes("<script>alert('Hello, world.');</script>"), [
      "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='",
    ]);
    assert.deepEqual(
      inlineScriptHashes(
        `<script type="module" crossorigin src="./assets/index.js"></script><SCRIPT>a()</SCRIPT>\n<script>\n b()\n</script>`,
      ).length,
      2,
    );
    assert.deepEqual(inlineScriptHashes("<p>no scripts</p>"), []);
  });

  it("serves the calculator with its inline scripts allowed by hash, assets cached, nothing outside", async () => {
    const calculator = join(dir, "dist");
    mkdirSync(join(calculator, "assets"), { recursive: true });
    writeFileSync(
      join(calculator, "index.html"),
      `<!doctype html><script>alert('Hello, world.');</script><script type="module" src="./assets/a.js"></script>`,
    );
    writeFileSync(join(calculator, "assets", "a.js"), "export {};");
    writeFileSync(join(dir, "secret.txt"), "no");
    const app = new Hono<AppEnv>();
    assert.deepEqual(mountPages(app, { calculator, dashboard: join(dir, "missing") }), {
      calculator: true,
      dashboard: false,
    });
    const page = await app.request("/calculator/");
    assert.equal(page.status, 200);
    const csp = page.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self' 'sha256-qznLcsROx4GACP2dm0UCKCzCG\+HiZ1guq6ZZDob\/Tng='; /);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /connect-src 'self'/);
    const asset = await app.request("/calculator/assets/a.js");
    assert.equal(asset.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.equal(asset.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal((await app.request("/calculator/..%2fsecret.txt")).status, 404);
    assert.equal((await app.request("/calculator")).status, 308);
    // No dashboard build: a placeholder, with no script allowed but the server's own.
    const placeholder = await app.request("/");
    assert.match(await placeholder.text(), /dashboard is not built/);
    assert.match(placeholder.headers.get("content-security-policy") ?? "", /script-src 'self'; /);
  });
});
