// Routes through app.request() on both stores: the happy path with hand-checked totals, and the bad-input
// and auth matrix (each answer a JSON problem, nothing stored).
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { dataset } from "../data/index.ts";
import { createApp } from "./app.ts";
import { type Cumulative, sampleLine, savedEstimate, startLine, summaryLine } from "./fixtures/log-lines.ts";
import { issueTestToken, openTestStore, STORE_KINDS } from "./fixtures/test-stores.ts";
import type { Store, TokenScope } from "./store/store.ts";

const NOW = new Date("2026-03-10T12:00:00Z");
const STARTED = new Date("2026-03-02T08:00:00Z");

const issue = (store: Store, project: string, scope: TokenScope): Promise<string> =>
  issueTestToken(store, project, scope, NOW);

type App = ReturnType<typeof createApp>;
const call = (
  app: App,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  type = "application/json",
) =>
  app.request(path, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { "content-type": type }),
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });

const json = async (response: Response): Promise<Record<string, unknown>> =>
  (await response.json()) as Record<string, unknown>;

/** A batch of `count` sample lines from `first`, with the start line (and a summary when asked). */
const batch = (
  runKey: string,
  hostname: string,
  first: number,
  count: number,
  cumulative: Cumulative,
  extra: { summary?: boolean; project?: string; rank?: number } = {},
) => ({
  ...(extra.project === undefined ? {} : { project: extra.project }),
  runKey,
  node: { hostname, rank: extra.rank ?? 0 },
  logId: `log-${hostname}`,
  start: startLine(`log-${hostname}`, STARTED),
  samples: Array.from({ length: count }, (_, i) => ({
    seq: first + i,
    line: sampleLine(first + i, STARTED, cumulative),
  })),
  ...(extra.summary === true ? { summary: summaryLine(`log-${hostname}`, cumulative, first + count) } : {}),
});

const stores = await Promise.all(
  STORE_KINDS.map(async (kind) => [kind, await openTestStore(kind, NOW)] as const),
);
after(async () => {
  for (const [, opened] of stores) if ("store" in opened) await opened.release();
});

for (const [kind, opened] of stores) {
  describe(`routes on ${kind}`, { skip: "skipped" in opened ? opened.skipped : false }, () => {
    if (!("store" in opened)) return;
    const { store } = opened;
    const app = createApp({ store, dataset, now: () => NOW });
    let ingestA = "";
    let readA = "";
    let readB = "";
    let admin = "";
    const runsOf = async () =>
      (await store.listRuns((await store.findProject("team-a"))?.id ?? -1, { limit: 100 })).length;

    it("issues tokens", async () => {
      ingestA = await issue(store, "team-a", "ingest");
      readA = await issue(store, "team-a", "read");
      readB = await issue(store, "team-b", "read");
      admin = await issue(store, "ops", "admin");
    });

    it("stores a two-node run once however often a batch is sent, and adds it up", async () => {
      const a: Cumulative = { energyKWh: 0, facilityEnergyKWh: 0, emissionsKg: 0 };
      const b: Cumulative = { energyKWh: 0, facilityEnergyKWh: 0, emissionsKg: 0 };
      const first = batch("job-42", "gpu-01", 0, 50, a);
      const r1 = await call(app, ingestA, "POST", "/api/v1/ingest", first);
      assert.equal(r1.status, 200);
      assert.deepEqual(await json(r1), { inserted: 150, duplicates: 0, ackedThrough: 49, summary: false });
      const again = await call(app, ingestA, "POST", "/api/v1/ingest", first);
      assert.deepEqual(await json(again), { inserted: 0, duplicates: 150, ackedThrough: 49, summary: false });
      const last = await call(
        app,
        ingestA,
        "POST",
        "/api/v1/ingest",
        batch("job-42", "gpu-01", 50, 10, a, { summary: true }),
      );
      assert.deepEqual(await json(last), { inserted: 30, duplicates: 0, ackedThrough: 59, summary: true });
      const other = await call(
        app,
        ingestA,
        "POST",
        "/api/v1/ingest",
        batch("job-42", "gpu-02", 0, 40, b, { rank: 1, summary: true }),
      );
      assert.equal(other.status, 200);
      const ack = await call(
        app,
        ingestA,
        "GET",
        "/api/v1/ingest/ack?runKey=job-42&hostname=gpu-01&rank=0&logId=log-gpu-01",
      );
      assert.deepEqual(await json(ack), { ackedThrough: 59, summary: true });

      const detail = await json(await call(app, readA, "GET", "/api/v1/projects/team-a/runs/job-42"));
      const run = detail.run as Record<string, number | string>;
      assert.equal(run.status, "finished");
      assert.equal(run.nodes, 2);
      assert.ok(Math.abs((run.energyKWh as number) - (a.energyKWh + b.energyKWh)) < 1e-12);
      assert.ok(Math.abs((run.emissionsKg as number) - (a.emissionsKg + b.emissionsKg)) < 1e-12);
      const result = detail.result as { energyKWh: number; emissionsKg: number; range: { lowKg: number } };
      assert.ok(Math.abs(result.energyKWh - (a.energyKWh + b.energyKWh)) < 1e-12);
      assert.ok(result.range.lowKg <= result.emissionsKg);
      const methods = detail.methods as { component: string; method: string; series: number }[];
      assert.deepEqual(methods.map((m) => `${m.component}/${m.method}/${m.series}`).sort(), [
        "cpu/estimated/2",
        "gpu/measured/2",
        "memory/estimated/2",
      ]);
    });

    it("charts a run's power per node and component", async () => {
      const chart = await json(
        await call(app, readA, "GET", "/api/v1/projects/team-a/runs/job-42/power?points=20"),
      );
      assert.equal(chart.source, "samples");
      assert.equal(chart.bucketS, 5);
      const series = chart.series as { node: string; component: string; points: [number, number][] }[];
      assert.equal(series.length, 6);
      const gpu = series.find((s) => s.node === "gpu-01:0" && s.component === "gpu");
      // Seconds 1–4 fall in the first 5 s bucket: the mean of 300 × (1 + 0.1 sin i), i = 0…3.
      const expected = [0, 1, 2, 3].reduce((s, i) => s + 300 * (1 + 0.1 * Math.sin(i)), 0) / 4;
      assert.ok(Math.abs((gpu?.points[0]?.[1] ?? 0) - expected) < 1e-6, String(gpu?.points[0]));
    });

    it("renders the run's reports, exports its samples and finds the cleanest region", async () => {
      for (const [format, needle] of [
        ["latex", "\\"],
        ["markdown", "kWh"],
        ["model-card", "co2_eq_emissions"],
      ] as const) {
        const response = await call(
          app,
          readA,
          "GET",
          `/api/v1/projects/team-a/runs/job-42/report?format=${format}`,
        );
        assert.equal(response.status, 200, format);
        assert.ok((await response.text()).includes(needle), format);
      }
      const csv = await (
        await call(app, readA, "GET", "/api/v1/projects/team-a/runs/job-42/samples.csv")
      ).text();
      const lines = csv.trim().split("\n");
      assert.equal(lines.length, 1 + 60 * 3 + 40 * 3);
      assert.ok(lines[0]?.startsWith("hostname,rank,log_id,seq,time"));
      const cleanest = await json(
        await call(app, readA, "GET", "/api/v1/projects/team-a/runs/job-42/cleanest"),
      );
      const best = cleanest.cleanest as { region: string; emissionsKg: number };
      const all = cleanest.byProvider as { emissionsKg: number }[];
      assert.ok(all.length > 1);
      assert.ok(all.every((r) => r.emissionsKg >= best.emissionsKg));
    });

    it("totals a project by week and month, with estimates and CodeCarbon rows labelled", async () => {
      const estimate = JSON.parse(savedEstimate());
      const up = await call(app, ingestA, "POST", "/api/v1/estimates", {
        result: estimate,
        startedAt: "2026-02-20T00:00:00Z",
      });
      assert.equal(up.status, 201);
      const again = await call(app, ingestA, "POST", "/api/v1/estimates", {
        result: estimate,
        startedAt: "2026-02-20T00:00:00Z",
      });
      assert.deepEqual(await json(again), {
        key: (await json(up.clone())).key ?? (await json(again.clone())).key,
        created: false,
      });
      const cc = await call(app, ingestA, "POST", "/api/v1/codecarbon", {
        rows: [
          {
            run_id: "cc-1",
            timestamp: "2026-03-03T10:00:00",
            duration: 3600,
            emissions: 0.5,
            energy_consumed: 2,
            pue: 1,
          },
        ],
      });
      assert.equal(cc.status, 201);
      const months = await json(await call(app, readA, "GET", "/api/v1/projects/team-a/totals?by=month"));
      const periods = months.periods as {
        period: string;
        origin: string;
        energyKWh: number;
        emissionsKg: number;
        lowKg: number;
        highKg: number;
        unrangedKg: number;
      }[];
      assert.deepEqual(
        periods.map((p) => `${p.period} ${p.origin}`),
        ["2026-02-01 estimate", "2026-03-01 codecarbon", "2026-03-01 tracker"],
      );
      const est = periods[0];
      assert.ok(Math.abs((est?.energyKWh ?? 0) - estimate.energyKWh) < 1e-9);
      assert.ok(Math.abs((est?.lowKg ?? 0) - estimate.range.lowKg) < 1e-9);
      assert.ok(Math.abs((est?.highKg ?? 0) - estimate.range.highKg) < 1e-9);
      assert.equal(periods[1]?.unrangedKg, 0.5);
      const weeks = await json(await call(app, readA, "GET", "/api/v1/projects/team-a/totals?by=week"));
      assert.ok(
        (weeks.periods as { period: string }[]).some((p) => p.period === "2026-03-02"),
        "weeks start on Monday",
      );
      const list = await json(await call(app, readA, "GET", "/api/v1/projects/team-a/runs?origin=tracker"));
      assert.deepEqual(
        (list.runs as { key: string }[]).map((r) => r.key),
        ["job-42"],
      );
      const found = await json(await call(app, readA, "GET", "/api/v1/projects/team-a/runs?q=CC-"));
      assert.deepEqual(
        (found.runs as { key: string }[]).map((r) => r.key),
        ["cc-1"],
      );
    });

    it("serves /metrics with stored totals to read tokens, by project name", async () => {
      const response = await call(app, readA, "GET", "/metrics");
      assert.equal(response.status, 200);
      const text = await response.text();
      assert.match(
        text,
        /mlco2_energy_joules_total\{project="team-a",run="job-42",node="gpu-01:0",component="gpu",method="measured"\} \d/,
      );
      assert.match(text, /# TYPE mlco2_power_watts gauge/);
      assert.equal((await call(app, readB, "GET", "/metrics")).status, 200);
      assert.ok(!(await (await call(app, readB, "GET", "/metrics")).text()).includes("team-a"));
      assert.equal((await call(app, ingestA, "GET", "/metrics")).status, 403);
      assert.equal((await call(app, null, "GET", "/metrics")).status, 401);
    });

    it("stores SQL and HTML in names verbatim", async () => {
      const name = `Robert'); DROP TABLE runs;-- <script>alert(1)</script> "x"`;
      const token = await issue(store, name, "ingest");
      const reader = await issue(store, name, "read");
      const c: Cumulative = { energyKWh: 0, facilityEnergyKWh: 0, emissionsKg: 0 };
      assert.equal(
        (await call(app, token, "POST", "/api/v1/ingest", batch(name, "<b>host</b>", 0, 2, c))).status,
        200,
      );
      const projects = await json(await call(app, reader, "GET", "/api/v1/projects"));
      assert.deepEqual(
        (projects.projects as { name: string }[]).map((p) => p.name),
        [name],
      );
      const runs = await json(
        await call(app, reader, "GET", `/api/v1/projects/${encodeURIComponent(name)}/runs`),
      );
      assert.deepEqual(
        (runs.runs as { key: string }[]).map((r) => r.key),
        [name],
      );
    });

    const refused: [string, () => Response | Promise<Response>, number, string, string][] = [
      [
        "no token",
        () => call(app, null, "POST", "/api/v1/ingest", batch("bad", "h", 0, 1, fresh())),
        401,
        "unauthorized",
        "authorization",
      ],
      [
        "not Bearer",
        () => app.request("/api/v1/projects", { headers: { authorization: "Basic abc" } }),
        401,
        "unauthorized",
        "authorization",
      ],
      [
        "a wrong secret",
        () =>
          call(
            app,
            `${ingestA.slice(0, -4)}AAAA`,
            "POST",
            "/api/v1/ingest",
            batch("bad", "h", 0, 1, fresh()),
          ),
        401,
        "unauthorized",
        "authorization",
      ],
      [
        "not an mlco2 token",
        () => call(app, "hunter2", "GET", "/api/v1/projects"),
        401,
        "unauthorized",
        "authorization",
      ],
      [
        "a token in the URL",
        () => call(app, readA, "GET", `/api/v1/projects?token=${readA}`),
        401,
        "unauthorized",
        "authorization",
      ],
      [
        "another project's name",
        () =>
          call(
            app,
            ingestA,
            "POST",
            "/api/v1/ingest",
            batch("bad", "h", 0, 1, fresh(), { project: "team-b" }),
          ),
        403,
        "forbidden",
        "project",
      ],
      [
        "another project's runs",
        () => call(app, readB, "GET", "/api/v1/projects/team-a/runs"),
        403,
        "forbidden",
        "project",
      ],
      [
        "a read token writing",
        () => call(app, readA, "POST", "/api/v1/ingest", batch("bad", "h", 0, 1, fresh())),
        403,
        "forbidden",
        "authorization",
      ],
      [
        "an ingest token reading",
        () => call(app, ingestA, "GET", "/api/v1/projects/team-a/runs"),
        403,
        "forbidden",
        "authorization",
      ],
      [
        "a non-admin making tokens",
        () => call(app, readA, "POST", "/api/v1/tokens", { project: "x", scope: "admin" }),
        403,
        "forbidden",
        "authorization",
      ],
      [
        "malformed JSON",
        () => call(app, ingestA, "POST", "/api/v1/ingest", '{"runKey": "bad",'),
        400,
        "not-json",
        "",
      ],
      [
        "not JSON by type",
        () => call(app, ingestA, "POST", "/api/v1/ingest", "runKey=bad", "application/x-www-form-urlencoded"),
        415,
        "unsupported-media-type",
        "content-type",
      ],
      [
        "an oversize body",
        () =>
          call(
            app,
            ingestA,
            "POST",
            "/api/v1/ingest",
            JSON.stringify({ runKey: "bad", pad: "x".repeat(1 << 20) }),
          ),
        413,
        "too-large",
        "",
      ],
      [
        "an unknown field",
        () =>
          call(app, ingestA, "POST", "/api/v1/ingest", { ...batch("bad", "h", 0, 1, fresh()), owner: "me" }),
        400,
        "invalid",
        "owner",
      ],
      [
        "a negative energy",
        () =>
          call(
            app,
            ingestA,
            "POST",
            "/api/v1/ingest",
            mutate((l) => {
              (l.components[0] as { energyKWh: number }).energyKWh = -1;
            }),
          ),
        400,
        "invalid",
        "samples[0].line.components[0].energyKWh",
      ],
      [
        "a NaN power",
        () =>
          call(
            app,
            ingestA,
            "POST",
            "/api/v1/ingest",
            JSON.stringify(mutate(() => {})).replace('"powerW":', '"powerW":"NaN","x":'),
          ),
        400,
        "invalid",
        "samples[0].line.components[0].powerW",
      ],
      [
        "an absurd power",
        () =>
          call(
            app,
            ingestA,
            "POST",
            "/api/v1/ingest",
            mutate((l) => {
              (l.components[0] as { powerW: number }).powerW = 5e7;
            }),
          ),
        400,
        "invalid",
        "samples[0].line.components[0].powerW",
      ],
      [
        "an absurd energy",
        () =>
          call(
            app,
            ingestA,
            "POST",
            "/api/v1/ingest",
            mutate((l) => {
              (l.components[0] as { energyKWh: number }).energyKWh = 1e300;
            }),
          ),
        400,
        "invalid",
        "samples[0].line.components[0].energyKWh",
      ],
      [
        "an absurd intensity",
        () =>
          call(
            app,
            ingestA,
            "POST",
            "/api/v1/ingest",
            mutate((l) => {
              l.intensityGPerKWh = 1e6;
            }),
          ),
        400,
        "invalid",
        "samples[0].line.intensityGPerKWh",
      ],
      [
        "emissions beyond the energy",
        () =>
          call(
            app,
            ingestA,
            "POST",
            "/api/v1/ingest",
            mutate((l) => {
              l.emissionsKg = 1;
            }),
          ),
        400,
        "out-of-range",
        "samples[0].line.emissionsKg",
      ],
      [
        "a time far ahead",
        () =>
          call(
            app,
            ingestA,
            "POST",
            "/api/v1/ingest",
            mutate((l) => {
              l.time = "2099-01-01T00:00:00Z";
            }),
          ),
        400,
        "out-of-range",
        "samples[0].line.time",
      ],
      [
        "a NUL in a name",
        () =>
          call(
            app,
            ingestA,
            "POST",
            "/api/v1/ingest",
            JSON.stringify(batch("bad\u0000x", "h", 0, 1, fresh())),
          ),
        400,
        "invalid",
        "",
      ],
      [
        "a control character in a name",
        () => call(app, ingestA, "POST", "/api/v1/ingest", batch("bad\nx", "h", 0, 1, fresh())),
        400,
        "invalid",
        "runKey",
      ],
      [
        "seqs going back",
        () =>
          call(app, ingestA, "POST", "/api/v1/ingest", {
            ...batch("bad", "h", 0, 2, fresh()),
            samples: batch("bad", "h", 0, 2, fresh()).samples.reverse(),
          }),
        400,
        "out-of-range",
        "samples[1].seq",
      ],
    ];
    function fresh(): Cumulative {
      return { energyKWh: 0, facilityEnergyKWh: 0, emissionsKg: 0 };
    }
    function mutate(change: (line: ReturnType<typeof sampleLine>) => void) {
      const body = batch("bad", "h", 0, 1, fresh());
      change((body.samples[0] as { line: ReturnType<typeof sampleLine> }).line);
      return body;
    }
    for (const [what, send, status, code, path] of refused) {
      it(`refuses ${what} with ${status} ${code} and stores nothing`, async () => {
        const before = await runsOf();
        const response = await send();
        assert.equal(response.status, status);
        const body = await json(response);
        assert.equal(body.code, code, JSON.stringify(body));
        assert.equal(body.path, path, JSON.stringify(body));
        assert.equal(typeof body.message, "string");
        for (const secret of [ingestA, readA, readB, admin, "hunter2"])
          assert.ok(!JSON.stringify(body).includes(secret), "no token in the answer");
        assert.equal(await runsOf(), before);
      });
    }

    it("refuses a revoked token with 401, and lets admins manage tokens", async () => {
      const made = await call(app, admin, "POST", "/api/v1/tokens", {
        project: "team-a",
        scope: "ingest",
        label: "ci",
      });
      assert.equal(made.status, 201);
      const { token, id } = (await json(made)) as { token: string; id: string };
      assert.match(token, /^mlco2_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
      const listed = await (await call(app, admin, "GET", "/api/v1/tokens")).text();
      assert.ok(listed.includes(id) && !listed.includes(token) && !listed.includes("hash"));
      assert.equal((await call(app, admin, "DELETE", `/api/v1/tokens/${id}`)).status, 200);
      const refused = await call(app, token, "POST", "/api/v1/ingest", batch("bad", "h", 0, 1, fresh()));
      assert.equal(refused.status, 401);
      assert.match(String((await json(refused)).message), /revoked/);
      assert.equal((await call(app, admin, "DELETE", `/api/v1/tokens/${id}`)).status, 404);
    });

    it("answers unknown routes, projects and runs with JSON 404s", async () => {
      assert.equal((await json(await call(app, readA, "GET", "/api/v1/nothing"))).code, "not-found");
      assert.equal((await call(app, admin, "GET", "/api/v1/projects/none/runs")).status, 404);
      const run = await call(app, readA, "GET", "/api/v1/projects/team-a/runs/none");
      assert.deepEqual({ status: run.status, path: (await json(run)).path }, { status: 404, path: "run" });
    });

    it("rate-limits per token with 429 and Retry-After", async () => {
      const limited = createApp({ store, dataset, now: () => NOW, rateLimit: { perSecond: 1, burst: 2 } });
      assert.equal((await call(limited, readA, "GET", "/api/v1/projects")).status, 200);
      assert.equal((await call(limited, readA, "GET", "/api/v1/projects")).status, 200);
      const third = await call(limited, readA, "GET", "/api/v1/projects");
      assert.equal(third.status, 429);
      assert.equal(third.headers.get("retry-after"), "1");
      assert.equal((await call(limited, readB, "GET", "/api/v1/projects")).status, 200, "per token");
    });
  });
}
