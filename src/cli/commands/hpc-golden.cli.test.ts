// Every byte `mlco2 hpc sacct` prints (rows, summaries, problems, the total line, the exit code) for the
// fixtures under many flag sets, against the output the first, string-by-string implementation printed
// (src/hpc/fixtures/golden, one file per case of cases.json): rewrites for speed change no byte.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { cli } from "../fixtures/run-cli.ts";

const FIX = fileURLToPath(new URL("../../hpc/fixtures", import.meta.url));
const GOLDEN = `${FIX}/golden`;
const cases = JSON.parse(readFileSync(`${GOLDEN}/cases.json`, "utf8")) as { name: string; args: string[] }[];

describe("mlco2 hpc sacct prints what it printed before, byte for byte", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const r = await cli("hpc", "sacct", ...c.args.map((a) => a.replace("$FIX", FIX)));
      const got = `exit ${r.exitCode}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`.replaceAll(
        FIX,
        "$FIX",
      );
      assert.equal(got, readFileSync(`${GOLDEN}/${c.name}.txt`, "utf8"));
    });
  }
});
