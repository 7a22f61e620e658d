import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ackQueryOf, BODY_BUDGET, bodyOpeningOf, retryWaitMs, takeBatch } from "./upload-batch.ts";

const identity = { runKey: "r", node: { hostname: "h", rank: 0 }, logId: "L" };
const opening = bodyOpeningOf(identity);
const queue = [0, 1, 2].map((seq) => ({ seq, raw: `{"n":${seq}}` }));
const input = {
  opening,
  startRaw: '{"type":"start"}',
  queue,
  batchLines: 2,
  summaryRaw: null,
  spilled: false,
};

describe("the request fields that name the log", () => {
  it("open the body without its closing brace, project first when given", () => {
    assert.equal(opening, '{"runKey":"r","node":{"hostname":"h","rank":0},"logId":"L"');
    assert.equal(bodyOpeningOf({ ...identity, project: "p" }).slice(0, 14), '{"project":"p"');
  });
  it("make the acknowledgement query", () => {
    assert.equal(
      ackQueryOf({ ...identity, project: "a b" }),
      "project=a+b&runKey=r&hostname=h&rank=0&logId=L",
    );
  });
});

describe("takeBatch", () => {
  it("takes the first batchLines lines, without the summary while lines remain", () => {
    const batch = takeBatch({ ...input, summaryRaw: '{"type":"summary"}' });
    assert.deepEqual(batch?.lines, queue.slice(0, 2));
    assert.equal(batch?.withSummary, false);
    assert.equal(
      batch?.body,
      `${opening},"start":{"type":"start"},"samples":[{"seq":0,"line":{"n":0}},{"seq":1,"line":{"n":1}}]}`,
    );
    assert.deepEqual(JSON.parse(batch?.body ?? "").node, { hostname: "h", rank: 0 });
  });
  it("adds the summary when the rest fits and nothing waits in the log", () => {
    const batch = takeBatch({ ...input, startRaw: null, batchLines: 10, summaryRaw: '{"s":1}' });
    assert.equal(batch?.withSummary, true);
    assert.equal(
      batch?.body,
      `${opening},"samples":[{"seq":0,"line":{"n":0}},{"seq":1,"line":{"n":1}},{"seq":2,"line":{"n":2}}],"summary":{"s":1}}`,
    );
  });
  it("holds the summary back while lines wait in the log; nothing to send is null", () => {
    assert.equal(
      takeBatch({ ...input, batchLines: 10, summaryRaw: "{}", spilled: true })?.withSummary,
      false,
    );
    assert.equal(takeBatch({ ...input, queue: [], summaryRaw: "{}", spilled: true }), null);
    assert.equal(takeBatch({ ...input, queue: [] }), null);
    assert.equal(
      takeBatch({ ...input, queue: [], summaryRaw: "{}" })?.body,
      `${opening},"start":{"type":"start"},"samples":[],"summary":{}}`,
    );
  });
  it("stays under the byte budget, but always carries one line", () => {
    const big = (seq: number) => ({ seq, raw: `"${"x".repeat(BODY_BUDGET / 2)}"` });
    const two = takeBatch({ ...input, queue: [big(0), big(1)], batchLines: 10 });
    assert.deepEqual(
      two?.lines.map((l) => l.seq),
      [0],
    );
    const huge = { seq: 0, raw: `"${"x".repeat(BODY_BUDGET)}"` };
    assert.deepEqual(takeBatch({ ...input, queue: [huge] })?.lines, [huge]);
  });
});

describe("retryWaitMs", () => {
  const backoff = { first: 1000, max: 30_000 };
  it("doubles from the first wait up to the longest", () => {
    assert.deepEqual(
      [1, 2, 3, 5, 6, 10].map((failures) => retryWaitMs(null, failures, backoff)),
      [1000, 2000, 4000, 16_000, 30_000, 30_000],
    );
  });
  it("takes the server's Retry-After instead", () => {
    assert.equal(retryWaitMs(60, 1, backoff), 60_000);
  });
});
