import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import { tryEstimateWith } from "../../core/estimate.ts";
import { fixtureDataset } from "../../core/fixture-dataset.ts";
import { formatCsvNumber } from "../../core/format-csv-number.ts";
import type { Dataset, EstimateInput } from "../../core/types.ts";
import { dataset } from "../../data/index.ts";
import { CliError } from "../cli-error.ts";
import { splitQuoted } from "./csv-records.ts";
import { type BatchOptions, runBatch } from "./run-batch.ts";

/** Runs a batch over text fed in chunks of `size` characters; returns output lines, bad-row lines, summary. */
const batch = async (text: string, options: Partial<BatchOptions> & { size?: number } = {}) => {
  const size = options.size ?? 1 << 16;
  async function* chunks() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  let out = "";
  const decoder = new TextDecoder();
  const errors: string[] = [];
  const summary = await runBatch({
    file: "runs.csv",
    chunks: chunks(),
    format: "csv",
    strict: false,
    defaults: {},
    dataset: fixtureDataset,
    sink: {
      write: (bytes) => {
        out += decoder.decode(bytes, { stream: true });
        return true;
      },
      drain: async () => {},
    },
    reportBadRow: (line) => errors.push(line),
    ...options,
  });
  return { lines: out.split("\n").slice(0, -1), errors, summary };
};

const OUT = "energy_kwh,facility_energy_kwh,emissions_kg,low_kg,high_kg,intensity_g_per_kwh,pue";

describe("batch: CSV reading", () => {
  it("splits quoted fields with commas, doubled quotes and line breaks", () => {
    assert.deepEqual(splitQuoted('a,"b,c","say ""hi""",'), ["a", "b,c", 'say "hi"', ""]);
  });

  it("prices rows; hand-computed figures; extra columns and quoted fields pass through", async () => {
    const text = [
      "run,hardware,count,hours,intensity,pue,note",
      'r1,TG400,8,100,500,1,"big, long run"',
      'r2,"Test GPU 300",1,10,1000,1.5,"she said ""fine"""',
    ].join("\r\n");
    for (const size of [1, 7, 1 << 16]) {
      const { lines, errors, summary } = await batch(text, { size });
      assert.deepEqual(errors, []);
      assert.equal(lines[0], `run,hardware,count,hours,intensity,pue,note,${OUT}`);
      // 8 × 400 W × 100 h = 320 kWh; PUE 1; 500 g/kWh → 160 kg; default utilization: low 8 × 220 W → 88 kg.
      assert.equal(lines[1], 'r1,TG400,8,100,500,1,"big, long run",320,320,160,88,160,500,1');
      // 300 W × 10 h = 3 kWh × 1.5 = 4.5 kWh × 1000 g/kWh = 4.5 kg; low: (30 + 270 × 0.5) = 165 W → 2.475 kg.
      const low = Number(lines[2]?.split(",").at(-4));
      assert.ok(Math.abs(low - 2.475) < 1e-12);
      assert.equal(
        lines[2],
        `r2,"Test GPU 300",1,10,1000,1.5,"she said ""fine""",3,4.5,4.5,${low},4.5,1000,1.5`,
      );
      assert.equal(summary.priced, 2);
      assert.equal(summary.emissionsKg, 164.5);
    }
  });

  it("a quoted field may span lines; line numbers stay physical", async () => {
    const text = 'hardware,hours,intensity,note\nTG400,1,100,"two\nlines"\nTG400,-1,100,x\n';
    const { lines, errors } = await batch(text);
    assert.equal(lines.length, 3); // header, the two-line record, nothing for the bad row
    assert.equal(lines[1], 'TG400,1,100,"two');
    assert.ok(lines[2]?.startsWith('lines",0.4,0.4,0.04,'));
    assert.deepEqual(errors, [
      "runs.csv:4: hours: -1 is not allowed; use a number above 0 and at most 87600; row skipped",
    ]);
  });

  it("mixed valid and invalid rows: each bad row named with its line and reason, the rest priced", async () => {
    const text = [
      "hardware,count,hours,region,year",
      "TG400,1,10,gcp:dirty-1,2023",
      "TG999,1,10,gcp:dirty-1,2023",
      "TG400,1,abc,gcp:dirty-1,2023",
      "TG400,1.5,10,gcp:dirty-1,2023",
      "TG400,1,10,gcp:nowhere,2023",
      "TG400,1,10",
      "TG400,2,10,aws:east-1,2023",
      "",
    ].join("\n");
    const { lines, errors, summary } = await batch(text);
    assert.equal(summary.rows, 7);
    assert.equal(summary.priced, 2);
    assert.equal(summary.skipped, 5);
    assert.equal(lines.length, 3);
    assert.match(errors[0] ?? "", /^runs\.csv:3: hardware: unknown hardware "TG999"/);
    assert.equal(errors[1], 'runs.csv:4: hours: "abc" is not a number; row skipped');
    assert.match(errors[2] ?? "", /^runs\.csv:5: count: 1\.5 is not allowed; use a whole number/);
    assert.match(errors[3] ?? "", /^runs\.csv:6: region: unknown gcp region "nowhere"/);
    assert.equal(errors[4], "runs.csv:7: has 3 fields but the header has 5 (check quoting); row skipped");
  });

  it("--strict stops at the first bad row", async () => {
    await assert.rejects(
      batch("hardware,hours,intensity\nTG400,1,100\nTG400,0,100\nTG400,x,100\n", { strict: true }),
      (e: unknown) =>
        e instanceof CliError &&
        e.message ===
          "--batch: runs.csv:3: hours: 0 is not allowed; use a number above 0 and at most 87600 (stopped: --strict)",
    );
  });

  it("an empty file is refused; a header-only file gives a header-only output", async () => {
    await assert.rejects(
      batch(""),
      (e: unknown) => e instanceof CliError && /runs\.csv is empty/.test(e.message),
    );
    const { lines, summary } = await batch("hardware,count,hours,region\r\n");
    assert.deepEqual(lines, [`hardware,count,hours,region,${OUT}`]);
    assert.equal(summary.rows, 0);
    await assert.rejects(
      batch("a,b\n1,2\n"),
      (e: unknown) => e instanceof CliError && /names none of the input columns/.test(e.message),
    );
  });

  it("flags fill columns the file lacks; device_hours divide by count; json lines", async () => {
    const { lines } = await batch("hardware,count,device_hours\nTG400,4,40\n", {
      defaults: { intensity: "100", pue: "1", utilization: "1" },
      format: "json",
    });
    assert.deepEqual(JSON.parse(lines[0] ?? ""), {
      line: 2,
      hardware: "TG400",
      count: "4",
      device_hours: "40",
      energy_kwh: 16,
      facility_energy_kwh: 16,
      emissions_kg: 1.6,
      low_kg: 1.6,
      high_kg: 1.6,
      intensity_g_per_kwh: 100,
      pue: 1,
    });
  });

  it("unterminated quote at the end of the file is a bad row", async () => {
    const { errors } = await batch('hardware,hours,intensity\nTG400,1,"100\n');
    assert.deepEqual(errors, [
      "runs.csv:2: a quoted field is not closed before the end of the file; row skipped",
    ]);
  });
});

/** A deterministic generator of varied runs, with some bad ones. */
const generated = (rows: number) => {
  const hardware = [
    "NVIDIA A100 SXM4 80GB",
    "h100 sxm5 80gb",
    "V100 SXM2 16GB",
    "TPU v4",
    "T4",
    "",
    "A100 SXM4 80GB",
  ];
  const places: [string, string][] = [
    ["region", "gcp:us-central1"],
    ["region", "aws:us-east-1"],
    ["region", "azure:westeurope"],
    ["country", "FR"],
    ["country", "DEU"],
    ["zone", "US-CAL-CISO"],
    ["intensity", "432"],
  ];
  const lines = [
    "hardware,count,hours,device_hours,watts,utilization,pue,region,country,zone,intensity,year",
  ];
  const inputs: EstimateInput[] = [];
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < rows; i++) {
    const input: Record<string, unknown> = {};
    const cells: Record<string, string> = {};
    const hw = rand(500) === 0 ? "NoSuchGPU" : (hardware[rand(hardware.length)] as string);
    if (hw !== "") {
      cells.hardware = hw;
      input.hardware = hw;
    } else {
      cells.watts = String(50 + rand(600));
      input.watts = Number(cells.watts);
    }
    const count = 1 + rand(16);
    if (rand(5) > 0) {
      cells.count = String(count);
      input.count = count;
    }
    const hours = (rand(2_000_000) - 10) / 100; // a few zero or negative
    if (rand(4) === 0) {
      cells.device_hours = String(hours);
      input.deviceHours = hours;
    } else {
      cells.hours = String(hours);
      input.hours = hours;
    }
    if (hw !== "" && rand(3) === 0) {
      const u = rand(101) / 100;
      cells.utilization = String(u);
      input.utilization = u;
    }
    if (rand(6) === 0) {
      const pue = 1 + rand(60) / 100;
      cells.pue = String(pue);
      input.pue = pue;
    }
    const [kind, value] = (rand(50) === 0 ? ["region", "gcp:nowhere"] : places[rand(places.length)]) as [
      string,
      string,
    ];
    cells[kind] = value;
    input[kind] = kind === "intensity" ? Number(value) : value;
    if (kind !== "intensity" && rand(4) === 0) {
      const year = 2021 + rand(5);
      cells.year = String(year);
      input.year = year;
    }
    lines.push(
      [
        "hardware",
        "count",
        "hours",
        "device_hours",
        "watts",
        "utilization",
        "pue",
        "region",
        "country",
        "zone",
        "intensity",
        "year",
      ]
        .map((c) => cells[c] ?? "")
        .join(","),
    );
    inputs.push(input as EstimateInput);
  }
  return { text: `${lines.join("\n")}\n`, inputs };
};

describe("batch: 100,000 rows against the single-estimate path", () => {
  it("every priced row has estimate()'s numbers exactly; every skipped row is one estimate() refuses", async () => {
    const { text, inputs } = generated(100_000);
    const { lines, errors, summary } = await batch(text, { dataset: dataset as Dataset, size: 1 << 16 });
    assert.equal(summary.rows, 100_000);
    const skippedLines = new Set(errors.slice(0, 100).map((e) => Number(/^runs\.csv:(\d+):/.exec(e)?.[1])));
    let out = 1;
    let priced = 0;
    let refused = 0;
    for (let i = 0; i < inputs.length; i++) {
      const outcome = tryEstimateWith(dataset, inputs[i] as EstimateInput);
      if (!outcome.ok) {
        refused++;
        if (i + 2 <= Math.max(...skippedLines))
          assert.ok(skippedLines.has(i + 2), `row on line ${i + 2} should be skipped`);
        continue;
      }
      const r = outcome.value;
      const fields = (lines[out++] ?? "").split(",");
      const cells = fields.slice(-7);
      const expected = [
        r.energyKWh,
        r.facilityEnergyKWh,
        r.emissionsKg,
        r.range.lowKg,
        r.range.highKg,
        r.intensityGPerKWh,
        r.pue,
      ].map(formatCsvNumber);
      if (cells.join(",") !== expected.join(",")) assert.deepEqual(cells, expected, `line ${i + 2}`);
      priced++;
    }
    assert.equal(summary.priced, priced);
    assert.equal(summary.skipped, refused);
    assert.ok(priced > 50_000 && refused > 3_000, `a real mix: ${priced} priced, ${refused} refused`);
    assert.equal(lines.length, priced + 1);
  });
});

/** Starts a batch worker from source: registers tsx in the worker, then loads batch-worker.ts. */
const spawnWorker = (workerData: unknown) => {
  const tsx = import.meta.resolve("tsx/esm/api");
  const script = new URL("./batch-worker.ts", import.meta.url).href;
  const bootstrap = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(script)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData });
};

describe("batch: on worker threads", () => {
  // Bad rows, quoted fields with line breaks and quotes, CRLF and blank lines, spread over many small
  // blocks so that block boundaries fall next to (and must not fall inside) quoted fields.
  const mixed = (() => {
    const { text } = generated(6_000);
    const lines = text.split("\n").map((l, i) => (l === "" ? l : `${l},${i === 0 ? "note" : "x"}`));
    for (let i = 50; i < lines.length - 1; i += 97) {
      const fields = (lines[i] as string).split(",");
      if (i % 2 === 0) fields[12] = '"DE\nline, ""two""\r\nthree"';
      else fields[0] = `"${fields[0]}"`;
      lines[i] = fields.join(",");
    }
    for (let i = 70; i < lines.length - 1; i += 301) lines[i] = "";
    for (let i = 90; i < lines.length - 1; i += 211) lines[i] = `${lines[i]}\r`;
    return lines.join("\n");
  })();

  const both = async (text: string, options: Partial<BatchOptions> & { size?: number } = {}) => {
    const single = await batch(text, { dataset: dataset as Dataset, blockBytes: 4096, ...options }).catch(
      (e: unknown) => e,
    );
    const parallel = await batch(text, {
      dataset: dataset as Dataset,
      blockBytes: 4096,
      workers: 2,
      spawnWorker: spawnWorker as BatchOptions["spawnWorker"] & {},
      ...options,
    }).catch((e: unknown) => e);
    return { single, parallel };
  };

  it("gives the same output bytes, bad-row lines and totals as one thread", async () => {
    for (const format of ["csv", "json"] as const) {
      const { single, parallel } = await both(mixed, { format, size: 1000 });
      assert.ok(!(single instanceof Error), String(single));
      assert.deepEqual(parallel, single);
      const { lines, errors, summary } = single as Awaited<ReturnType<typeof batch>>;
      assert.ok(summary.skipped > 100, `${summary.skipped} skipped`);
      assert.equal(errors.length, 101);
      if (format === "csv") assert.ok(lines.some((l) => l.startsWith('line, ""two""')));
      else assert.ok(lines.some((l) => l.includes('"note":"DE\\nline, \\"two\\"\\nthree"')));
    }
    // The same file in one block, one thread: the same bytes and counts; the sums (added per block)
    // differ only in the last bits.
    const whole = await batch(mixed, { dataset: dataset as Dataset });
    const { single } = await both(mixed);
    const blocked = single as typeof whole;
    assert.deepEqual([whole.lines, whole.errors], [blocked.lines, blocked.errors]);
    for (const [key, value] of Object.entries(whole.summary)) {
      const other = blocked.summary[key as keyof typeof whole.summary];
      assert.ok(Math.abs(value - other) <= 1e-12 * Math.abs(value), `${key}: ${value} vs ${other}`);
    }
  });

  it("--strict stops at the first bad row in file order, with the rows before it written", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) =>
      i === 1500 || i === 2500
        ? "T4,1,-1,gcp:us-central1,x"
        : `T4,${1 + (i % 3)},2.5,gcp:us-central1,${i % 6 === 0 ? '"a\nb"' : "x"}`,
    );
    const strictText = `hardware,count,hours,region,note\n${rows.join("\n")}\n`;
    const run = async (workers: number) => {
      let text = "";
      const decoder = new TextDecoder();
      const sink = {
        write: (bytes: Uint8Array) => {
          text += decoder.decode(bytes, { stream: true });
          return true;
        },
        drain: async () => {},
      };
      const error = await batch(strictText, {
        dataset: dataset as Dataset,
        blockBytes: 4096,
        strict: true,
        workers,
        spawnWorker: spawnWorker as BatchOptions["spawnWorker"] & {},
        sink,
      }).catch((e: unknown) => e);
      return { error, text };
    };
    const single = await run(0);
    assert.ok(single.error instanceof CliError);
    assert.match(single.error.message, /^--batch: runs\.csv:(\d+): .*\(stopped: --strict\)$/);
    const line = Number(/:(\d+):/.exec(single.error.message)?.[1]);
    // 1,500 good records before it, 250 of them two lines long (a quoted line break).
    assert.equal(line, 1 + 1500 + 250 + 1);
    // Every record before the bad one is written: the header and 1,500 rows.
    assert.equal(single.text.split("\n").length - 1, 1 + 1500 + 250);
    assert.deepEqual(await run(2), single);
  });

  it("a quote never closed holds the rest of the file as one record, reported once", async () => {
    const text = `${mixed.slice(0, 20_000)}\nTG400,"open\n${mixed.slice(20_000)}`;
    const { single, parallel } = await both(text);
    assert.deepEqual(parallel, single);
    const { errors } = single as Awaited<ReturnType<typeof batch>>;
    assert.ok(errors.some((e) => /a quoted field is not closed before the end of the file/.test(e)));
  });
});
