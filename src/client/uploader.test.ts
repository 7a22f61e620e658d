// The uploader against a real HTTP server on 127.0.0.1 (real fetch, real sockets): a tiny stand-in for the
// ingest API that refuses while `down` and otherwise stores sample seqs.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { createUploader } from "./uploader.ts";

/** The ingest API's two routes, in memory: stored seqs and whether the summary came. */
const ingestServer = async () => {
  const held = { down: true, seqs: new Set<number>(), summary: false, refused: 0 };
  const ackedThrough = () => {
    let n = -1;
    while (held.seqs.has(n + 1)) n++;
    return n;
  };
  const answer = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    for await (const chunk of req) text += String(chunk);
    if (held.down) {
      held.refused++;
      return answer(res, 503, { message: "starting up" }, { "retry-after": "60" });
    }
    if (req.method === "GET")
      return answer(res, 200, { ackedThrough: ackedThrough(), summary: held.summary });
    const body = JSON.parse(text) as { samples: { seq: number }[]; summary?: unknown };
    for (const s of body.samples) held.seqs.add(s.seq);
    if (body.summary !== undefined) held.summary = true;
    return answer(res, 200, { ackedThrough: ackedThrough() });
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { held, url: `http://127.0.0.1:${port}`, stop: () => server.close() };
};

describe("the uploader's close()", () => {
  it("tries at once at close though the server asked for a later retry, and delivers within the limit", async () => {
    const server = await ingestServer();
    try {
      const up = createUploader({
        server: server.url,
        token: "t",
        runKey: "close-now",
        node: { hostname: "h", rank: 0 },
        logId: "L",
        flushIntervalMs: 60_000,
      });
      up.start({ type: "start", runId: "L" });
      for (let seq = 0; seq < 3; seq++) up.sample({ type: "sample", seq });
      up.summary({ type: "summary" });
      const refused = await up.flush();
      assert.deepEqual([refused.reachable, server.held.refused], [false, 1]);
      server.held.down = false; // back, but the uploader was told to wait 60 s
      const state = await up.close({ timeoutMs: 3000 });
      assert.deepEqual(
        { acked: state.ackedThrough, summary: state.summaryStored, reachable: state.reachable },
        { acked: 2, summary: true, reachable: true },
      );
      assert.deepEqual(
        [...server.held.seqs].sort((a, b) => a - b),
        [0, 1, 2],
      );
    } finally {
      server.stop();
    }
  });
});
