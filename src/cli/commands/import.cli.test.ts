import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { cli } from "../fixtures/run-cli.ts";

const here = (p: string) => fileURLToPath(new URL(`../../import/fixtures/${p}`, import.meta.url));

describe("mlco2 import codecarbon", () => {
  it("3.x rows side by side, named differences, a bad row as FILE:LINE, exit 1", async () => {
    const r = await cli("import", "codecarbon", here("emissions-v3.csv"));
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /emissions-v3\.csv:4: duration: "abc" is not a number ≥ 0; row skipped/);
    assert.match(r.stderr, /total 2 of 3 runs re-priced, 1 skipped \(CodeCarbon 3\.1 and later columns\)/);
    assert.match(r.stdout, /location Canada\/Quebec: CodeCarbon's default/);
    assert.match(r.stdout, /GPU: CodeCarbon read 0 W for 1 GPU/);
    assert.match(r.stdout, /CPU: CodeCarbon's fallback 42\.5 W/);
    assert.match(r.stdout, /PUE: CodeCarbon 1 \(its default\)/);
  });

  it("hand-computed: 4 × A100 SXM4 (at 80 %), 2 × EPYC 7763 at 55 %, 512 GB, 2 h in DEU", async () => {
    const r = await cli("import", "codecarbon", here("emissions-v3.csv"), "--format", "json");
    const row = JSON.parse(r.stdout.split("\n")[0] ?? "") as {
      energy_kwh: number;
      input: Record<string, unknown>;
      codecarbon: { emissions_kg: number };
    };
    assert.deepEqual(row.input, {
      hours: 2,
      hardware: "NVIDIA A100 SXM4 80GB",
      count: 4,
      utilization: 0.8,
      cpu: "AMD EPYC 7763",
      cpuCount: 2,
      cpuUtilization: 0.55,
      memoryGB: 512,
      country: "DEU",
    });
    assert.equal(row.codecarbon.emissions_kg, 4.2);
    // A100 SXM4: idle 46 W published: 46 + 354 × 0.8 = 329.2 W. EPYC 7763 280 W on the fitted Zen 3 curve
    // (idle 0.218 of TDP; shape(0.55) = 0.511 + (0.615 − 0.511) × 0.5 = 0.563): 280 × (0.218 + 0.782 × 0.563)
    // = 184.31448 W.
    const w = 4 * 329.2 + 2 * 184.31448 + 512 * 0.3725;
    assert.ok(Math.abs(row.energy_kwh - (w * 2) / 1000) < 1e-9);
  });

  it("2.x columns accepted; a 1.x file refused with exit 2 and what its header lacks", async () => {
    const v2 = await cli("import", "codecarbon", here("emissions-v2.csv"), "--format", "csv");
    assert.equal(v2.exitCode, 0);
    assert.match(v2.stdout, /^line,run_id,project_name,timestamp,hours,codecarbon_kwh,codecarbon_kg,/);
    const v1 = await cli("import", "codecarbon", here("emissions-v1.csv"));
    assert.equal(v1.exitCode, 2);
    assert.match(
      v1.stderr,
      /emissions-v1\.csv:1: is not a CodeCarbon 2\.x\/3\.x emissions\.csv header: closest to 2\.0–2\.2\.1, it lacks os/,
    );
  });

  it("--country replaces every row's location", async () => {
    const r = await cli(
      "import",
      "codecarbon",
      here("emissions-v3.csv"),
      "--country",
      "FR",
      "--format",
      "json",
    );
    const rows = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { input: { country: string }; differences: string[] });
    assert.deepEqual(
      rows.map((x) => x.input.country),
      ["FR", "FR"],
    );
    assert.ok(rows[1]?.differences.some((d) => d.includes("replaced by the flags")));
  });
});
