import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { cli } from "../fixtures/run-cli.ts";
import { runCliOutcome } from "../program.ts";

const here = (p: string) => fileURLToPath(new URL(`../../import/fixtures/${p}`, import.meta.url));

describe("mlco2 import codecarbon", () => {
  it("3.x rows side by side, named differences, a bad row as FILE:LINE, exit 1", async () => {
    const r = await cli("import", "codecarbon", here("emissions-v3.csv"));
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /emissions-v3\.csv:4: duration: "abc" is not a number ≥ 0; row skipped/);
    assert.match(r.stderr, /total 2 of 3 runs re-priced, 1 skipped \(CodeCarbon 3\.2\.1 and later columns\)/);
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

  it("every release's file is re-priced by column name; bad rows as FILE:LINE after the rest, exit 1", async () => {
    for (const [file, exit, total] of [
      ["emissions-0.0.9.csv", 0, "total 1 of 1 runs re-priced (CodeCarbon 0.0.9–1.2.0 columns)"],
      ["emissions-1.2.0.csv", 0, "total 2 of 2 runs re-priced (CodeCarbon 0.0.9–1.2.0 columns)"],
      ["emissions-2.0.0.csv", 0, "total 1 of 1 runs re-priced (CodeCarbon 2.0.0–2.1.4 columns)"],
      ["emissions-v2.csv", 0, "total 1 of 1 runs re-priced (CodeCarbon 2.2.3–2.6.0 columns)"],
      ["emissions-2.7.0.csv", 0, "total 1 of 1 runs re-priced (CodeCarbon 2.7.0–3.0.7 columns)"],
      ["emissions-3.0.8.csv", 0, "total 1 of 1 runs re-priced (CodeCarbon 3.0.8–3.1.2 columns)"],
      ["emissions-3.2.9-append.csv", 1, "total 1 of 2 runs re-priced, 1 skipped (CodeCarbon 3.2.1 and later"],
      [
        "emissions-no-release.csv",
        0,
        "total 1 of 1 runs re-priced (CodeCarbon 0.0.9–1.2.0 columns, closest)",
      ],
    ] as const) {
      const r = await cli("import", "codecarbon", here(file), "--format", "csv");
      assert.equal(r.exitCode, exit, `${file}: ${r.stderr}`);
      assert.ok(r.stderr.includes(`mlco2: ${total}`), `${file}: ${r.stderr}`);
      assert.match(r.stdout, /^line,run_id,project_name,timestamp,hours,codecarbon_kwh,codecarbon_kg,/);
    }
    const appended = await cli("import", "codecarbon", here("emissions-3.2.9-append.csv"));
    assert.match(
      appended.stderr,
      /emissions-3\.2\.9-append\.csv:3: 36 fields where the header has 38 \(CodeCarbon 3\.2\.9 and later leave a run's empty columns out when they append a row, .*\); row skipped\n/,
    );
    assert.match(appended.stdout, /^run 8a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9 \(llm-eval\)/);
    const between = await cli("import", "codecarbon", here("emissions-no-release.csv"));
    assert.match(
      between.stderr,
      /emissions-no-release\.csv:1: columns closest to CodeCarbon 0\.0\.9–1\.2\.0, without experiment_id \(read as empty\), with run_id/,
    );
  });

  it("hand-computed: a 1.x row keeps CodeCarbon's measured energy; only place and PUE are re-priced", async () => {
    const r = await cli("import", "codecarbon", here("emissions-1.2.0.csv"), "--format", "json");
    const [fr, be] = r.stdout
      .trim()
      .split("\n")
      .map(
        (l) =>
          JSON.parse(l) as {
            run_id: string;
            energy_kwh: number;
            facility_energy_kwh: number;
            emissions_kg: number;
            intensity_g_per_kwh: number;
            pue: number;
            input: Record<string, unknown>;
          },
      );
    // 3 kWh over 7,200 s: 1,500 W for 2 h, in France; 1.x applied no PUE. Its experiment_id is the run id.
    assert.equal(fr?.run_id, "9d4a3f0e-6c1b-4f7e-8a52-3b1f2c9e7d10");
    assert.deepEqual(fr?.input, { hours: 2, watts: 1500, wattsKind: "measured", count: 1, country: "FRA" });
    assert.equal(fr?.energy_kwh, 3);
    // France 2025: 31 g/kWh; the default PUE 1.56: 3 × 1.56 × 31 = 145.08 g.
    assert.deepEqual([fr?.intensity_g_per_kwh, fr?.pue], [31, 1.56]);
    assert.ok(Math.abs((fr?.emissions_kg ?? 0) - 0.14508) < 1e-12);
    // 50 kWh in 1 h on GCP europe-west1 is 50,000 W: five devices of 10,000 W; PUE 1.09, 180 g/kWh.
    assert.deepEqual(be?.input, {
      hours: 1,
      watts: 10_000,
      wattsKind: "measured",
      count: 5,
      region: "gcp:europe-west1",
    });
    assert.ok(Math.abs((be?.emissions_kg ?? 0) - 50 * 1.09 * 0.18) < 1e-9);
  });

  it("--strict: the first bad row stops with exit 2 and nothing printed; a header without figures, exit 2", async () => {
    const strict = await cli("import", "codecarbon", here("emissions-v3.csv"), "--strict");
    assert.equal(strict.exitCode, 2);
    assert.equal(strict.stdout, "");
    assert.match(
      strict.stderr,
      /^mlco2: .*emissions-v3\.csv:4: duration: "abc" is not a number ≥ 0 \(stopped: --strict\)\n$/,
    );
    const dir = mkdtempSync(join(tmpdir(), "mlco2-import-"));
    const file = join(dir, "other.csv");
    writeFileSync(file, "timestamp,run_id,duration,emissions\n2024-01-01T00:00:00,a,60,0.1\n");
    const refused = await cli("import", "codecarbon", file);
    assert.equal(refused.exitCode, 2);
    assert.match(
      refused.stderr,
      /other\.csv:1: is not a CodeCarbon emissions\.csv header: it lacks energy_consumed \(every release since 0\.0\.9 writes them\)/,
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

  it("- reads stdin as bytes: a character split across two chunks stays whole", async () => {
    const text = readFileSync(here("emissions-2.7.0.csv"), "utf8").replace("bert-finetune", "café-é");
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from("é")) + 1;
    let stdout = "";
    const outcome = await runCliOutcome(["import", "codecarbon", "-"], {
      stdout: (t) => {
        stdout += t;
      },
      stderr: () => {},
      stdin: () => Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]),
    });
    assert.equal(outcome.exitCode, 0);
    assert.match(stdout, /^run 0b4d7a61-93c2-4f0e-8d15-6a7b8c9d0e1f \(café-é\)/);
  });
});
