// `mlco2 serve`, `serve token …` and `push` in-process: flags, and the token commands on both stores. The
// real `mlco2 serve` processes are in serve-process.cli.test.ts.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { testPostgres } from "../../server/fixtures/postgres-cluster.ts";
import { cli } from "../fixtures/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "mlco2-serve-cli-"));

const pg = await testPostgres();
after(() => {
  if ("release" in pg) pg.release();
});

describe("mlco2 serve token", () => {
  // In-process on PostgreSQL (cheap: no PGlite folder to create); on PGlite the same commands run as real
  // processes in serve-process.cli.test.ts, and revoking twice is in store.test.ts.
  it("creates a token printed alone, lists it without the secret, revokes it once (postgres)", async (t) => {
    if ("skipped" in pg) return t.skip(pg.skipped);
    const store = ["--database", pg.url];
    const created = await cli(
      "serve",
      "token",
      "create",
      ...store,
      "--project",
      "<b>team</b>",
      "--scope",
      "read",
      "--label",
      "ci",
    );
    assert.equal(created.exitCode, 0, created.stderr);
    assert.match(created.stdout, /^mlco2_[a-z2-7]{12}_[A-Za-z0-9_-]{43}\n$/);
    const id = created.stdout.slice(6, 18);
    const listed = await cli("serve", "token", "list", ...store);
    assert.match(listed.stdout, new RegExp(`${id}\\s+read\\s+<b>team</b>\\s+\\S+\\s+valid\\s+ci`));
    assert.ok(!listed.stdout.includes(created.stdout.trim()));
    assert.equal((await cli("serve", "token", "revoke", id, ...store)).stdout, `revoked ${id}\n`);
    const again = await cli("serve", "token", "revoke", id, ...store);
    assert.deepEqual([again.exitCode, again.code], [2, "not-found"]);
  });

  it("refuses a bad scope with a suggestion, --data with --database, and an unreachable database", async () => {
    const scope = await cli(
      "serve",
      "token",
      "create",
      "--data",
      join(dir, "x"),
      "--project",
      "p",
      "--scope",
      "reed",
    );
    assert.equal(scope.exitCode, 2);
    assert.match(
      scope.stderr,
      /--scope: "reed" is not allowed \(did you mean read\?\); use one of ingest, read, admin/,
    );
    const both = await cli(
      "serve",
      "token",
      "list",
      "--data",
      "d",
      "--database",
      "postgres://x@127.0.0.1/db",
    );
    assert.match(both.stderr, /--data: cannot be combined with --database/);
    const away = await cli("serve", "token", "list", "--database", "postgres://u:hunter2@127.0.0.1:1/x");
    assert.equal(away.exitCode, 1);
    assert.equal(
      away.stderr,
      "mlco2: serve token: cannot open PostgreSQL at postgres://u:***@127.0.0.1:1/x: connect ECONNREFUSED 127.0.0.1:1\n",
      "one line, the password hidden",
    );
    const port = await cli("serve", "--port", "70000");
    assert.match(port.stderr, /--port: 70000 is not allowed; use a port from 0 to 65535/);
  });
});

describe("mlco2 push flags", () => {
  it("never takes a token on the command line, and says where to put it", async () => {
    const flag = await cli("push", "run.jsonl", "--server", "http://127.0.0.1:9", "--token", "mlco2_x");
    assert.equal(flag.exitCode, 2);
    assert.match(flag.stderr, /--token: a token is never given on the command line/);
    const none = await cli("push", "run.jsonl", "--server", "http://127.0.0.1:9");
    assert.match(none.stderr, /no token: set MLCO2_TOKEN or give --token-file FILE/);
  });
});
