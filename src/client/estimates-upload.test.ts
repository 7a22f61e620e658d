// uploadEstimates against a scripted server: what it sends, how it waits when asked, and when it stops.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EstimateResult } from "../core/types.ts";
import { type EstimateUpload, uploadEstimates } from "./estimates-upload.ts";
import type { Fetch } from "./http.ts";

const result = { energyKWh: 1 } as unknown as EstimateResult;
const runs = (n: number): EstimateUpload[] =>
  Array.from({ length: n }, (_, i) => ({ key: `k${i}`, result, startedAt: "2026-01-01T00:00:00.000Z" }));

/** A fetch answering from a script of [status, body, headers]; records what was sent. */
const scripted = (answers: [number, unknown, Record<string, string>?][]) => {
  const sent: { url: string; auth: string | null; body: Record<string, unknown> }[] = [];
  const fetchFn: Fetch = async (input, init) => {
    sent.push({
      url: String(input),
      auth: new Headers(init?.headers).get("authorization"),
      body: JSON.parse(String(init?.body)) as Record<string, unknown>,
    });
    const [status, body, headers] = answers.shift() ?? [500, { message: "script ended" }];
    return new Response(JSON.stringify(body), { status, headers: headers ?? {} });
  };
  return { sent, fetchFn };
};

describe("uploadEstimates", () => {
  it("posts each run with its key, start and project; counts stored and already there", async () => {
    const { sent, fetchFn } = scripted([
      [201, { key: "k0", created: true }],
      [200, { key: "k1", created: false }],
    ]);
    const outcome = await uploadEstimates(runs(2), {
      server: "http://s:1/",
      token: "t",
      project: "p",
      fetch: fetchFn,
    });
    assert.deepEqual(outcome, { stored: 1, already: 1, failed: [] });
    assert.deepEqual(sent[0], {
      url: "http://s:1/api/v1/estimates",
      auth: "Bearer t",
      body: { project: "p", key: "k0", startedAt: "2026-01-01T00:00:00.000Z", result },
    });
  });

  it("waits as long as a 429 asks, within --retry-for, then goes on", async () => {
    const { sent, fetchFn } = scripted([
      [429, { message: "slow down" }, { "retry-after": "0.05" }],
      [201, { created: true }],
    ]);
    const started = Date.now();
    const outcome = await uploadEstimates(runs(1), { server: "http://s", token: "t", fetch: fetchFn });
    assert.deepEqual(outcome, { stored: 1, already: 0, failed: [] });
    assert.equal(sent.length, 2);
    assert.ok(Date.now() - started >= 45);
  });

  it("a refused token stops at once, every run named; a bad run alone does not stop the rest", async () => {
    const refused = scripted([[401, { code: "unauthorized", message: "unknown token" }]]);
    assert.deepEqual(
      await uploadEstimates(runs(3), { server: "http://s", token: "t", fetch: refused.fetchFn }),
      {
        stored: 0,
        already: 0,
        failed: ["k0", "k1", "k2"].map((key) => ({ key, reason: "unknown token" })),
      },
    );
    assert.equal(refused.sent.length, 1);
    const bad = scripted([
      [400, { path: "result", message: "is not an estimate" }],
      [201, { created: true }],
    ]);
    assert.deepEqual(await uploadEstimates(runs(2), { server: "http://s", token: "t", fetch: bad.fetchFn }), {
      stored: 1,
      already: 0,
      failed: [{ key: "k0", reason: "result: is not an estimate" }],
    });
  });

  it("a server that stays away past --retry-for: the rest are not tried", async () => {
    const fetchFn: Fetch = async () => {
      throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    };
    const outcome = await uploadEstimates(runs(2), {
      server: "http://s",
      token: "t",
      fetch: fetchFn,
      retryForMs: 0,
    });
    assert.deepEqual(outcome.failed, [
      { key: "k0", reason: "ECONNREFUSED" },
      { key: "k1", reason: "ECONNREFUSED" },
    ]);
  });
});
