import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { formatCsvNumber } from "../../core/format-csv-number.ts";
import { cli as runInProcess } from "../fixtures/run-cli.ts";

// Runs the CLI in-process through the runCli seam; `bin` runs the built bin as a real child process (npm
// test builds first; built here when missing) for what only a process shows: exit status, stdio.
const cli = async (args: string[]) => {
  const r = await runInProcess(...args);
  return { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
};
const bin = (args: string[]) => {
  const r = spawnSync(process.execPath, ["dist/cli.js", ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
let dir = "";
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const oneLine = (stderr: string) => {
  assert.equal(stderr.trimEnd().split("\n").length, 1, stderr);
  assert.ok(!stderr.includes("    at "), "no stack trace");
};

before(() => {
  if (!existsSync("dist/cli.js")) spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  dir = mkdtempSync(join(tmpdir(), "mlco2-cli-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const JOB = [
  "--hardware",
  "A100 SXM4 80GB",
  "--count",
  "8",
  "--hours",
  "100",
  "--region",
  "gcp:us-central1",
  "--year",
  "2024",
];

describe("estimate --format and report <file>", () => {
  it("prints the same report from flags and from a saved result or a tracker log", async () => {
    const json = await cli(["estimate", ...JOB, "--format", "json"]);
    assert.equal(json.code, 0, json.stderr);
    const result = JSON.parse(json.stdout);
    const saved = file("r.json", json.stdout);
    const log = file(
      "run.jsonl",
      `{"type":"start"}\n{"type":"sample","powerW":3000}\n${JSON.stringify({ type: "summary", result })}\n`,
    );
    for (const format of ["latex", "markdown", "model-card", "csv", "json", "text"]) {
      const direct = await cli(["estimate", ...JOB, "--format", format]);
      assert.equal(direct.code, 0, direct.stderr);
      assert.equal((await cli(["report", saved, "--format", format])).stdout, direct.stdout, format);
      assert.equal(
        (await cli(["report", log, "--format", format])).stdout,
        direct.stdout,
        `${format} from a log`,
      );
    }
    const card = (await cli(["report", saved, "--format", "model-card", "--training-type", "fine-tuning"]))
      .stdout;
    assert.ok(card.includes(`  emissions: ${Number((result.emissionsKg * 1000).toPrecision(3))}\n`));
    assert.ok(card.includes('training_type: "fine-tuning"'));
  });

  it("--output writes the file and prints nothing", async () => {
    const out = join(dir, "paper.tex");
    const r = await cli(["estimate", ...JOB, "--format", "latex", "--output", out]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "");
    assert.ok(readFileSync(out, "utf8").includes("@article{lacoste2019quantifying,"));
  });

  it("bad input: one line naming the flag or field, exit 2", async () => {
    const bad = async (args: string[], pattern: RegExp) => {
      const r = await cli(args);
      assert.equal(r.code, 2, r.stderr);
      oneLine(r.stderr);
      assert.match(r.stderr, pattern);
    };
    await bad(
      ["estimate", ...JOB, "--format", "pdf"],
      /--format: "pdf" is not allowed; use one of text, latex, markdown, model-card, json, csv/,
    );
    await bad(
      ["estimate", ...JOB, "--format", "model-card", "--training-type", "x"],
      /--training-type: "x" is not allowed; use one of pre-training, fine-tuning/,
    );
    await bad(["report", join(dir, "missing.json")], /cannot read .*missing\.json.*ENOENT/);
    await bad(["report", file("junk.txt", "hello\n")], /not JSON, and its last line is not a JSON summary/);
    await bad(["report", file("nosummary.jsonl", '{"type":"start"}\n{"type":"sample"}\n')], /not "summary"/);
    await bad(
      ["report", mkdtempSync(join(tmpdir(), "mlco2-empty-"))],
      /is a directory with no tracker logs \(\*\.jsonl\)/,
    );
  });

  it("a wrong shape is refused with the field's path, a few lines at most", async () => {
    const r = await cli(["report", file("half.json", '{"energyKWh": 1}')]);
    assert.equal(r.code, 2);
    const lines = r.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 4, r.stderr);
    assert.match(lines[0] ?? "", /half\.json: facilityEnergyKWh: is missing; it is required$/);
    assert.match(lines[3] ?? "", /\d+ more problems/);
  });

  it("report - reads standard input", async () => {
    const saved = (await cli(["estimate", ...JOB, "--format", "json"])).stdout;
    const r = spawnSync(process.execPath, ["dist/cli.js", "report", "-", "--format", "markdown"], {
      input: saved,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /kg CO2eq/);
  });

  it("a long file whose tail is not a tracker summary is refused clearly", async () => {
    const big = file("big.json", `{"pad":"${"x".repeat(17 * 1024 * 1024)}"}`);
    const r = await cli(["report", big]);
    assert.equal(r.code, 2);
    oneLine(r.stderr);
    assert.match(r.stderr, /over 16 MB and its last line is not a tracker summary/);
  });

  it("a full disk: one line naming what could not be written, no stack trace", async () => {
    const out = spawnSync(
      "sh",
      ["-c", `"${process.execPath}" dist/cli.js estimate ${JOB.map((a) => `'${a}'`).join(" ")} > /dev/full`],
      {
        encoding: "utf8",
      },
    );
    assert.equal(out.status, 2);
    assert.equal(out.stderr, "mlco2: cannot write to stdout (ENOSPC)\n");
    const file = await cli(["estimate", ...JOB, "--output", "/dev/full"]);
    assert.equal(file.code, 2);
    oneLine(file.stderr);
    assert.match(file.stderr, /--output: cannot write "\/dev\/full" \(ENOSPC\)/);
  });
});

describe("catalog commands", () => {
  it("hardware search forgives spacing and case; json carries sources", async () => {
    const a = await cli(["hardware", "a100   sxm4-80gb"]);
    const b = await cli(["hardware", "A100SXM480GB"]);
    assert.equal(a.code, 0);
    assert.ok(a.stdout.startsWith("NVIDIA A100 SXM4 80GB [gpu, NVIDIA] 400 W"), a.stdout);
    assert.equal(a.stdout, b.stdout);
    const tpus = JSON.parse((await cli(["hardware", "--kind", "TPU", "--format", "json"])).stdout) as {
      kind: string;
      sourceDetail: { url: string };
    }[];
    assert.ok(
      tpus.length > 0 && tpus.every((t) => t.kind === "tpu" && t.sourceDetail.url.startsWith("http")),
    );
    const none = await cli(["hardware", "qqqzzz"]);
    assert.equal(none.code, 2);
    oneLine(none.stderr);
    assert.equal((await cli(["hardware", "--kind", "fpga"])).code, 2);
  });

  it("regions: cleanest first; with a job, ranked by its emissions", async () => {
    const rows = JSON.parse((await cli(["regions", "--format", "json"])).stdout) as {
      region: string;
      pue: number;
      intensityGPerKWh: number;
    }[];
    assert.ok(rows.length > 100);
    for (let i = 1; i < rows.length; i++) {
      const [p, c] = [rows[i - 1], rows[i]] as [(typeof rows)[0], (typeof rows)[0]];
      assert.ok(p.pue * p.intensityGPerKWh <= c.pue * c.intensityGPerKWh, `${p.region} before ${c.region}`);
    }
    const ranked = JSON.parse(
      (
        await cli([
          "regions",
          "--provider",
          "gcp",
          "--hardware",
          "A100 SXM4 80GB",
          "--count",
          "8",
          "--hours",
          "100",
          "--format",
          "json",
        ])
      ).stdout,
    ) as {
      region: string;
      emissionsKg: number;
    }[];
    assert.ok(ranked.every((r) => r.region.startsWith("gcp:")));
    const sorted = [...ranked].sort((a, b) => a.emissionsKg - b.emissionsKg);
    assert.deepEqual(ranked, sorted);
    // Each figure is what `estimate` gives for that region.
    for (const r of [ranked[0], ranked[ranked.length - 1]] as { region: string; emissionsKg: number }[]) {
      const one = JSON.parse(
        (
          await cli([
            "estimate",
            "--hardware",
            "A100 SXM4 80GB",
            "--count",
            "8",
            "--hours",
            "100",
            "--region",
            r.region,
            "--format",
            "json",
          ])
        ).stdout,
      );
      assert.equal(one.emissionsKg, r.emissionsKg);
    }
    const text = (
      await cli(["regions", "--provider", "gcp", "--hardware", "A100 SXM4 80GB", "--hours", "10"])
    ).stdout;
    assert.match(text.split("\n")[0] ?? "", /^ {2}1\. .* CO2eq .*gcp:/);
    assert.equal((await cli(["regions", "--provider", "nope"])).code, 2);
  });

  it("zones: by id, country code or name, forgiving case", async () => {
    const fr = await cli(["zones", "france"]);
    assert.equal(fr.code, 0);
    assert.match(fr.stdout, /\nFR +(\d+ +){4}\d+ +France\n/);
    const json = JSON.parse((await cli(["zones", "fr", "--format", "json"])).stdout);
    assert.ok(
      json.zones.some(
        (z: { id: string; intensityGPerKWhByYear: Record<string, number> }) =>
          z.id === "FR" && Object.keys(z.intensityGPerKWhByYear).length >= 3,
      ),
    );
    assert.equal((await cli(["zones", "qqqzzz"])).code, 2);
  });
});

describe("estimate --batch (the bin)", () => {
  const csv =
    'run,hardware,count,hours,region\r\na,A100 SXM4 80GB,8,100,gcp:us-central1\r\nb,T4,1,-3,aws:us-east-1\r\n"c, quoted",T4,2,10,aws:us-east-1\r\n';
  it("prices rows, reports bad ones and a total on stderr, exits 1 when rows were skipped", () => {
    const runs = file("runs.csv", csv);
    const r = bin(["estimate", "--batch", runs]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 3);
    assert.equal(
      lines[0],
      "run,hardware,count,hours,region,energy_kwh,facility_energy_kwh,emissions_kg,low_kg,high_kg,intensity_g_per_kwh,pue",
    );
    const single = JSON.parse(
      bin([
        "estimate",
        "--hardware",
        "A100 SXM4 80GB",
        "--count",
        "8",
        "--hours",
        "100",
        "--region",
        "gcp:us-central1",
        "--format",
        "json",
      ]).stdout,
    );
    assert.equal(lines[1]?.split(",")[7], formatCsvNumber(single.emissionsKg));
    assert.ok(lines[2]?.startsWith('"c, quoted",T4,2,10,aws:us-east-1,'));
    assert.match(r.stderr, /runs\.csv:3: hours: -3 is not allowed.*row skipped\n/);
    assert.match(r.stderr, /mlco2: total 2 of 3 rows priced, 1 skipped: .* CO2eq/);
    const strict = bin(["estimate", "--batch", runs, "--strict", "--output", join(dir, "out.csv")]);
    assert.equal(strict.code, 2);
    oneLine(strict.stderr);
    const empty = bin(["estimate", "--batch", file("empty.csv", "")]);
    assert.equal(empty.code, 2);
    oneLine(empty.stderr);
    const header = bin(["estimate", "--batch", file("header.csv", "hardware,hours,region\n")]);
    assert.equal(header.code, 0);
    assert.equal(header.stdout.trimEnd().split("\n").length, 1);
    assert.equal(bin(["estimate", "--batch", runs, "--format", "latex"]).code, 2);
  });
});
