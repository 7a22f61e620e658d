import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { diskCache, noCache } from "./answer-cache.ts";
import { electricityMapsClient } from "./electricity-maps.ts";
import { electricityMapsRoutes, type FakeApi, fixture, startFakeApi } from "./fake-api-server.ts";
import { fetchJson } from "./http-json.ts";
import { electricityMapsSource, wattTimeSource } from "./intensity-source.ts";
import { wattTimeClient } from "./watttime.ts";

const NOW = Date.UTC(2026, 2, 2, 0, 10);
const H = 3_600_000;
const TOKEN = "em-test-token";
const window = { zone: "DE", earliestMs: NOW, deadlineMs: NOW + 24 * H };

const emSource = (api: FakeApi, options: { token?: string; cacheDir?: string; nowMs?: number } = {}) =>
  electricityMapsSource(
    electricityMapsClient({
      baseUrl: api.baseUrl,
      token: options.token ?? TOKEN,
      http: fetchJson,
      cache: options.cacheDir === undefined ? noCache : diskCache(options.cacheDir),
      nowMs: options.nowMs ?? NOW,
      maxAgeMs: H,
    }),
  );

describe("Electricity Maps source (fake server on 127.0.0.1)", () => {
  let api: FakeApi;
  let cacheDir: string;
  before(async () => {
    api = await startFakeApi(electricityMapsRoutes(TOKEN));
    cacheDir = mkdtempSync(join(tmpdir(), "mlco2-cache-"));
  });
  after(async () => {
    await api.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it("joins 24 h of history with the forecast, labels each part, sends the token as auth-token", async () => {
    const out = await emSource(api, { cacheDir }).seriesFor(window);
    assert.ok(out.ok);
    const { series, loud } = out.value;
    assert.deepEqual(loud, []);
    assert.equal(series?.values.length, 49);
    assert.equal(series?.startMs, Date.UTC(2026, 2, 1));
    assert.deepEqual(
      series?.factors.map((f) => [f.kind, f.retrievedAt]),
      [
        ["published", "2026-03-02T00:10:00Z"],
        ["estimated", "2026-03-02T00:10:00Z"],
      ],
    );
    assert.deepEqual(
      api.log.map((r) => [r.path, r.query.get("zone"), r.headers["auth-token"]]),
      [
        ["/v3/carbon-intensity/history", "DE", TOKEN],
        ["/v3/carbon-intensity/forecast", "DE", TOKEN],
      ],
    );
    assert.equal(readdirSync(cacheDir).length, 2, "both answers cached");
  });

  it("reuses fresh cached answers without asking again", async () => {
    const before = api.log.length;
    const out = await emSource(api, { cacheDir, nowMs: NOW + 10 * 60_000 }).seriesFor(window);
    assert.ok(out.ok && out.value.series !== null);
    assert.equal(api.log.length, before);
    assert.equal(out.value.series?.factors[0]?.retrievedAt, "2026-03-02T00:10:00Z");
  });

  it("an expired token (401): no series, a loud warning, the yearly figure stands", async () => {
    const out = await emSource(api, { token: "expired" }).seriesFor(window);
    assert.ok(out.ok);
    assert.equal(out.value.series, null);
    const text = out.value.loud.join(" ");
    assert.match(
      text,
      /refused the credentials \(HTTP 401 at http:\/\/127\.0\.0\.1:\d+\/v3\/carbon-intensity\/forecast\)/,
    );
    assert.match(text, /renew ELECTRICITYMAPS_TOKEN/);
    assert.match(text, /yearly average is used/);
    assert.doesNotMatch(text, /expired-token|expired\b.*\?/);
  });
});

describe("rate limits and unreachable services", () => {
  it("429 with Retry-After: no series, the wait is said", async () => {
    const api = await startFakeApi({
      "/v3/carbon-intensity/history": () => ({
        status: 429,
        body: fixture("electricitymaps/error-429.json"),
        headers: { "retry-after": "30" },
      }),
      "/v3/carbon-intensity/forecast": () => ({
        status: 429,
        body: fixture("electricitymaps/error-429.json"),
        headers: { "retry-after": "30" },
      }),
    });
    try {
      const out = await emSource(api).seriesFor(window);
      assert.ok(out.ok);
      assert.equal(out.value.series, null);
      assert.match(out.value.loud.join(" "), /rate limit reached \(HTTP 429 at .*\); retry after 30 s/);
    } finally {
      await api.close();
    }
  });

  it("a service that cannot be reached falls back loudly", async () => {
    const api = await startFakeApi({});
    const { baseUrl } = api;
    await api.close();
    const out = await emSource({ ...api, baseUrl }).seriesFor(window);
    assert.ok(out.ok);
    assert.equal(out.value.series, null);
    assert.match(out.value.loud.join(" "), /could not be reached/);
  });

  it("a cached answer older than the limit is used when the API then fails, marked stale", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "mlco2-cache-"));
    let up = true;
    const api = await startFakeApi({
      "/v3/carbon-intensity/history": () =>
        up ? { status: 200, body: fixture("electricitymaps/history-DE.json") } : { status: 500, body: {} },
      "/v3/carbon-intensity/forecast": () =>
        up ? { status: 200, body: fixture("electricitymaps/forecast-DE.json") } : { status: 500, body: {} },
    });
    try {
      assert.ok((await emSource(api, { cacheDir }).seriesFor(window)).ok);
      up = false;
      const out = await emSource(api, { cacheDir, nowMs: NOW + 5 * H }).seriesFor(window);
      assert.ok(out.ok);
      assert.notEqual(out.value.series, null);
      assert.match(out.value.loud.join(" "), /HTTP 500.*cached at 2026-03-02T00:10:00Z/);
    } finally {
      await api.close();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

describe("WattTime source (fake server on 127.0.0.1)", () => {
  const wtRoutes = (tokens: string[]) => {
    let issued = 0;
    return {
      "/login": (request: { headers: Record<string, unknown> }) => {
        const expected = `Basic ${Buffer.from("ml:secret").toString("base64")}`;
        if (request.headers.authorization !== expected) return { status: 403, body: {} };
        return { status: 200, body: { token: tokens[Math.min(issued++, tokens.length - 1)] } };
      },
      "/v3/forecast": (request: { headers: Record<string, unknown> }) =>
        request.headers.authorization === `Bearer ${tokens[tokens.length - 1]}`
          ? { status: 200, body: fixture("watttime/forecast-CAISO_NORTH.json") }
          : { status: 401, body: { error: "token expired" } },
      "/v3/historical": (request: { headers: Record<string, unknown> }) =>
        request.headers.authorization === `Bearer ${tokens[tokens.length - 1]}`
          ? { status: 200, body: fixture("watttime/historical-CAISO_NORTH.json") }
          : { status: 401, body: {} },
    };
  };
  const wtSource = (api: FakeApi, password = "secret") =>
    wattTimeSource(
      wattTimeClient({
        baseUrl: api.baseUrl,
        user: "ml",
        password,
        http: fetchJson,
        cache: noCache,
        nowMs: NOW,
        maxAgeMs: H,
      }),
      NOW,
    );

  it("logs in, asks for co2_moer, converts lbs/MWh and marks the series marginal", async () => {
    const api = await startFakeApi(wtRoutes(["t1"]));
    try {
      const out = await wtSource(api).seriesFor({ ...window, seriesZone: "CAISO_NORTH" });
      assert.ok(out.ok);
      const { series } = out.value;
      assert.equal(series?.signal, "marginal");
      assert.equal(series?.stepMs, 300_000);
      assert.equal(series?.values.length, 288);
      const first =
        (fixture("watttime/forecast-CAISO_NORTH.json") as { data: { value: number }[] }).data[0]?.value ?? 0;
      assert.equal(series?.values[0], first * 0.45359237);
      assert.deepEqual(
        api.log.map((r) => r.path),
        ["/login", "/v3/forecast"],
      );
      assert.equal(api.log[1]?.query.get("signal_type"), "co2_moer");
      assert.equal(api.log[1]?.query.get("region"), "CAISO_NORTH");
    } finally {
      await api.close();
    }
  });

  it("an expired token (401) is renewed once by logging in again; history is asked for the past part", async () => {
    const api = await startFakeApi(wtRoutes(["old", "new"]));
    try {
      const out = await wtSource(api).seriesFor({
        zone: "US-CAL-CISO",
        seriesZone: "CAISO_NORTH",
        earliestMs: NOW - 6 * H,
        deadlineMs: NOW + 12 * H,
      });
      assert.ok(out.ok);
      assert.notEqual(out.value.series, null);
      assert.equal(out.value.series?.startMs, Date.UTC(2026, 2, 1, 18));
      assert.deepEqual(
        api.log.map((r) => r.path),
        ["/login", "/v3/historical", "/login", "/v3/historical", "/v3/forecast"],
      );
    } finally {
      await api.close();
    }
  });

  it("rejected credentials: no series, a loud warning", async () => {
    const api = await startFakeApi(wtRoutes(["t1"]));
    try {
      const out = await wtSource(api, "wrong").seriesFor({ ...window, seriesZone: "CAISO_NORTH" });
      assert.ok(out.ok);
      assert.equal(out.value.series, null);
      assert.match(
        out.value.loud.join(" "),
        /WattTime refused the credentials \(HTTP 403 at .*\/login\).*WATTTIME_USER\/WATTTIME_PASSWORD/,
      );
    } finally {
      await api.close();
    }
  });

  it("needs the WattTime region id", async () => {
    const api = await startFakeApi(wtRoutes(["t1"]));
    try {
      const out = await wtSource(api).seriesFor(window);
      assert.equal(out.ok ? null : out.problems[0].path, "seriesZone");
      assert.equal(api.log.length, 0);
    } finally {
      await api.close();
    }
  });
});
