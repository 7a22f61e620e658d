// uploadEstimates against a scripted server: what it sends (many runs a request, cut by count and size),
// how it waits when asked, how it sets aside the runs a refused batch names, and when it stops.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EstimateResult } from "../core/types.ts";
import { type EstimateUpload, MAX_BATCH_BYTES, uploadEstimates } from "./estimates-upload.ts";
import type { Fetch } from "./http.ts";

const result = { energyKWh: 1 } as unknown as EstimateResult;
const runs = (n: number, r = result): EstimateUpload[] =>
  Array.from({ length: n }, (_, i) => ({ key: `k${i}`, result: r, startedAt: "2026-01-01T00:00:00.000Z" }));

type Sent = { url: string; auth: string | null; bytes: number; body: Record<string, unknown> };
type Answer = [number, unknown, Record<string, string>?];

/** A fetch answering from a script (or a function of the request); records what was sent. */
const scripted = (answers: Answer[] | ((body: Record<string, unknown>) => Answer)) => {
  const sent: Sent[] = [];
  const fetchFn: Fetch = async (input, init) => {
    const text = String(init?.body);
    const body = JSON.parse(text) as Record<string, unknown>;
    sent.push({
      url: String(input),
      auth: new Headers(init?.headers).get("authorization"),
      bytes: Buffer.byteLength(text),
      body,
    });
    const [status, answer, headers] =
      typeof answers === "function" ? answers(body) : (answers.shift() ?? [500, { message: "script ended" }]);
    return new Response(JSON.stringify(answer), { status, headers: headers ?? {} });
  };
  return { sent, fetchFn };
};

/** The server's answer to a batch: the keys in `known` were stored before. */
const storedBut =
  (known: Set<string>) =>
  (body: Record<string, unknown>): Answer => {
    const estimates = (body.estimates as { key: string }[]).map((e) => ({
      key: e.key,
      created: !known.has(e.key),
    }));
    const stored = estimates.filter((e) => e.created).length;
    return [stored > 0 ? 201 : 200, { stored, already: estimates.length - stored, estimates }];
  };

const keysOf = (s: Sent) => (s.body.estimates as { key: string }[]).map((e) => e.key);

describe("uploadEstimates", () => {
  it("posts the runs as one batch with their keys, starts and the project; counts stored and already there", async () => {
    const { sent, fetchFn } = scripted(storedBut(new Set(["k1"])));
    const [k0, k1] = runs(2);
    const outcome = await uploadEstimates(
      [k0 as EstimateUpload, { ...(k1 as EstimateUpload), user: "alice" }],
      {
        server: "http://s:1/",
        token: "t",
        project: "p",
        fetch: fetchFn,
      },
    );
    assert.deepEqual(outcome, { stored: 1, already: 1, failed: [] });
    assert.deepEqual(sent, [
      {
        url: "http://s:1/api/v1/estimates",
        auth: "Bearer t",
        bytes: sent[0]?.bytes,
        body: {
          project: "p",
          estimates: [
            { key: "k0", startedAt: "2026-01-01T00:00:00.000Z", result },
            { key: "k1", startedAt: "2026-01-01T00:00:00.000Z", user: "alice", result },
          ],
        },
      },
    ]);
  });

  it("sends at most 500 runs a request, and keeps each request under the body cap", async () => {
    const small = scripted(storedBut(new Set()));
    const outcome = await uploadEstimates(runs(1201), {
      server: "http://s",
      token: "t",
      fetch: small.fetchFn,
    });
    assert.deepEqual(outcome, { stored: 1201, already: 0, failed: [] });
    assert.deepEqual(
      small.sent.map((s) => keysOf(s).length),
      [500, 500, 201],
    );
    assert.equal(keysOf(small.sent[2] as Sent)[0], "k1000");
    // 10 kB a run: 89 fit in 900,000 bytes.
    const big = { energyKWh: 1, note: "x".repeat(10_000) } as unknown as EstimateResult;
    const large = scripted(storedBut(new Set()));
    await uploadEstimates(runs(200, big), { server: "http://s", token: "t", fetch: large.fetchFn });
    assert.deepEqual(
      large.sent.map((s) => keysOf(s).length),
      [89, 89, 22],
    );
    assert.ok(large.sent.every((s) => s.bytes <= MAX_BATCH_BYTES + 100));
  });

  it("a 413 halves the batch until it fits", async () => {
    const { sent, fetchFn } = scripted((body) =>
      (body.estimates as unknown[]).length > 2
        ? [413, { code: "too-large", message: "too large" }]
        : storedBut(new Set())(body),
    );
    const outcome = await uploadEstimates(runs(5), { server: "http://s", token: "t", fetch: fetchFn });
    assert.deepEqual(outcome, { stored: 5, already: 0, failed: [] });
    assert.deepEqual(
      sent.map((s) => keysOf(s).join(",")),
      ["k0,k1,k2,k3,k4", "k0,k1,k2", "k0,k1", "k2", "k3,k4"],
    );
  });

  it("waits as long as a 429 asks, within --retry-for, then goes on", async () => {
    const { sent, fetchFn } = scripted([
      [429, { message: "slow down" }, { "retry-after": "0.05" }],
      [201, { estimates: [{ key: "k0", created: true }] }],
    ]);
    const started = Date.now();
    const outcome = await uploadEstimates(runs(1), { server: "http://s", token: "t", fetch: fetchFn });
    assert.deepEqual(outcome, { stored: 1, already: 0, failed: [] });
    assert.equal(sent.length, 2);
    assert.ok(Date.now() - started >= 45);
  });

  it("a refused token stops at once, every run named", async () => {
    const refused = scripted([[401, { code: "unauthorized", path: "", message: "unknown token" }]]);
    assert.deepEqual(
      await uploadEstimates(runs(3), { server: "http://s", token: "t", fetch: refused.fetchFn }),
      {
        stored: 0,
        already: 0,
        failed: ["k0", "k1", "k2"].map((key) => ({ key, reason: "unknown token" })),
        stopped: "unknown token",
      },
    );
    assert.equal(refused.sent.length, 1);
  });

  it("runs a refused batch names are set aside with their reasons; the rest are sent again", async () => {
    const problem = (index: number, path: string, message: string, code = "invalid") => ({
      code,
      path: `estimates[${index}]${path === "" ? "" : `.${path}`}`,
      message,
    });
    const bad = [problem(0, "result.energyKWh", "-1 is not allowed"), problem(2, "", "not an estimate")];
    const { sent, fetchFn } = scripted([
      [400, { ...bad[0], problems: bad }],
      [
        409,
        {
          ...problem(1, "key", 'run "k3" exists as a tracker run', "conflict"),
          problems: [problem(1, "key", 'run "k3" exists as a tracker run', "conflict")],
        },
      ],
      [201, { estimates: [{ key: "k1", created: true }] }],
    ]);
    const outcome = await uploadEstimates(runs(4), { server: "http://s", token: "t", fetch: fetchFn });
    assert.deepEqual(outcome, {
      stored: 1,
      already: 0,
      failed: [
        { key: "k0", reason: "result.energyKWh: -1 is not allowed" },
        { key: "k2", reason: "not an estimate" },
        { key: "k3", reason: 'key: run "k3" exists as a tracker run' },
      ],
    });
    assert.deepEqual(sent.map(keysOf), [["k0", "k1", "k2", "k3"], ["k1", "k3"], ["k1"]]);
  });

  it("a refusal naming no run fails the batch, and the next batch is still sent", async () => {
    const { sent, fetchFn } = scripted([
      [400, { code: "invalid", path: "estimates", message: "unknown field" }],
      [201, { estimates: [{ key: "k500", created: true }] }],
    ]);
    const outcome = await uploadEstimates(runs(501), { server: "http://s", token: "t", fetch: fetchFn });
    assert.equal(outcome.failed.length, 500);
    assert.deepEqual(outcome.failed[0], { key: "k0", reason: "estimates: unknown field" });
    assert.deepEqual([outcome.stored, outcome.stopped, sent.length], [1, undefined, 2]);
  });

  it("a server that stays away past --retry-for: the rest are not tried", async () => {
    let calls = 0;
    const fetchFn: Fetch = async () => {
      calls++;
      throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    };
    const outcome = await uploadEstimates(runs(502), {
      server: "http://s",
      token: "t",
      fetch: fetchFn,
      retryForMs: 0,
    });
    assert.equal(outcome.failed.length, 502);
    assert.deepEqual(outcome.failed[501], { key: "k501", reason: "ECONNREFUSED" });
    assert.equal(outcome.stopped, "ECONNREFUSED");
    assert.equal(calls, 1);
  });
});
