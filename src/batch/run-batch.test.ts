import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Worker } from "node:worker_threads";
import { tryEstimateWith } from "../core/estimate.ts";
import { fixtureDataset } from "../core/fixture-dataset.ts";
import { formatCsvNumber } from "../core/format-csv-number.ts";
import type { Dataset, EstimateInput } from "../core/types.ts";
import { dataset } from "../data/index.ts";
import { BatchError } from "./batch-error.ts";
import { type BatchOptions, runBatch } from "./run-batch.ts";
import type { RowProblem } from "./types.ts";

/** A problem as one line, the way a reader checks it: `LINE: path: message` (path left out when ""). */
const said = (p: RowProblem): string => `${p.line}: ${p.path === "" ? "" : `${p.path}: `}${p.message}`;

/**
 * Runs a batch over text fed in chunks of `size` characters; returns output lines, the listed
 * problems (as `said` lines and as data) and the summary.
 */
const batch = async (text: string, options: Partial<BatchOptions> & { size?: number } = {}) => {
  const size = options.size ?? 1 << 16;
  async function* chunks() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  let out = "";
  const decoder = new TextDecoder();
  const problems: RowProblem[] = [];
  const summary = await runBatch({
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
    onProblem: (problem) => problems.push(problem),
    ...options,
  });
  assert.equal(summary.priced + summary.skipped, summary.rows, "every row is priced or skipped");
  return { lines: out.split("\n").slice(0, -1), errors: problems.map(said), problems, summary };
};

const OUT = "energy_kwh,facility_energy_kwh,emissions_kg,low_kg,high_kg,intensity_g_per_kwh,pue";

describe("runBatch: pricing", () => {
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
    const { lines, problems } = await batch(text);
    assert.equal(lines.length, 3); // header, the two-line record, nothing for the bad row
    assert.equal(lines[1], 'TG400,1,100,"two');
    assert.ok(lines[2]?.startsWith('lines",0.4,0.4,0.04,'));
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem?.line, 4);
    assert.equal(problem?.code, "out-of-range");
    assert.equal(problem?.path, "hours");
    // The message leaves the field's name to the caller (before or after the engine drops its own).
    assert.equal(
      problem?.message.replace(/^hours: /, ""),
      "-1 is not allowed; use a number above 0 and at most 87600",
    );
  });

  it("mixed valid and invalid rows: each bad row comes back with its line, code and field", async () => {
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
    const { lines, errors, problems, summary } = await batch(text);
    assert.equal(summary.rows, 7);
    assert.equal(summary.priced, 2);
    assert.equal(summary.skipped, 5);
    assert.equal(lines.length, 3);
    assert.deepEqual(
      problems.map((p) => [p.line, p.code, p.path]),
      [
        [3, "unknown-hardware", "hardware"],
        [4, "not-a-number", "hours"],
        [5, "out-of-range", "count"],
        [6, "unknown-region", "region"],
        [7, "field-count", ""],
      ],
    );
    assert.match(errors[0] ?? "", /^3: hardware: unknown hardware "TG999"/);
    assert.equal(errors[1], '4: hours: "abc" is not a number');
    assert.match(errors[2] ?? "", /^5: count: 1\.5 is not allowed; use a whole number/);
    assert.match(errors[3] ?? "", /^6: region: unknown gcp region "nowhere"/);
    assert.equal(errors[4], "7: has 3 fields but the header has 5 (check quoting)");
    // No message repeats its field's name: the caller adds it.
    for (const p of problems) assert.ok(!p.message.startsWith(`${p.path}:`), p.message);
  });

  it("strict: stops at the first bad row and returns it; rows before it are written", async () => {
    const { lines, errors, summary } = await batch(
      "hardware,hours,intensity\nTG400,1,100\nTG400,0,100\nTG400,x,100\n",
      { strict: true },
    );
    assert.deepEqual(errors, []);
    assert.equal(lines.length, 2);
    assert.equal(summary.stoppedAt?.line, 3);
    assert.equal(summary.stoppedAt?.code, "out-of-range");
    assert.equal(summary.stoppedAt?.path, "hours");
    assert.deepEqual([summary.rows, summary.priced, summary.skipped], [2, 1, 1]);
  });

  it("an empty file or a header naming no input column is a BatchError with a code", async () => {
    await assert.rejects(batch(""), (e: unknown) => e instanceof BatchError && e.code === "empty-file");
    await assert.rejects(batch("\r\n\n"), (e: unknown) => e instanceof BatchError && e.code === "empty-file");
    const { lines, summary } = await batch("hardware,count,hours,region\r\n");
    assert.deepEqual(lines, [`hardware,count,hours,region,${OUT}`]);
    assert.equal(summary.rows, 0);
    await assert.rejects(
      batch("a,b\n1,2\n"),
      (e: unknown) => e instanceof BatchError && e.code === "no-known-column" && !e.message.includes("--"),
    );
    await assert.rejects(
      batch("hours,Hours\n1,2\n"),
      (e: unknown) => e instanceof BatchError && e.code === "duplicate-column" && e.column === "hours",
    );
    await assert.rejects(
      batch('hardware,"hours\nTG400,1\n'),
      (e: unknown) => e instanceof BatchError && e.code === "unreadable-header",
    );
  });

  it("flags fill columns the file lacks; device_hours divide by count; json lines", async () => {
    const { lines } = await batch("hardware,count,device_hours\nTG400,4,40\n", {
      defaults: { intensity: "100", pue: "1", utilization: "1" },
      format: "json",
    });
    assert.deepEqual(JSON.parse(lines[0] ?? ""), {
      line: 2,
      input: { hardware: "TG400", count: "4", device_hours: "40" },
      energy_kwh: 16,
      facility_energy_kwh: 16,
      emissions_kg: 1.6,
      low_kg: 1.6,
      high_kg: 1.6,
      intensity_g_per_kwh: 100,
      pue: 1,
    });
  });
});

describe("runBatch: hostile files (issue 11)", () => {
  it("a quote inside an unquoted cell is an ordinary character: every row is priced", async () => {
    const text =
      'hardware,hours,intensity,note\nTG400,1,100,24" screen\nTG400,2,100,x\nTG400,3,100,27" screen\n';
    const { lines, errors, summary } = await batch(text);
    assert.deepEqual(errors, []);
    assert.deepEqual([summary.rows, summary.priced, summary.skipped], [3, 3, 0]);
    assert.ok(lines[1]?.startsWith('TG400,1,100,24" screen,0.4,'));
    const json = await batch(text, { format: "json" });
    assert.equal(JSON.parse(json.lines[0] ?? "").input.note, '24" screen');
  });

  it("a quoted field never closed: 'unclosed quote' on its line, reading resumes on the next line", async () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      i === 10 ? 'TG400,1,100,"24 screen' : "TG400,1,100,x",
    );
    const text = `hardware,hours,intensity,note\n${rows.join("\n")}\n`;
    for (const blockBytes of [256, 4096, 1 << 20]) {
      const { lines, problems, summary } = await batch(text, { blockBytes, size: 100 });
      assert.deepEqual(
        problems.map((p) => [p.line, p.code, p.path]),
        [[12, "unclosed-quote", ""]],
      );
      assert.match(problems[0]?.message ?? "", /^unclosed quote/);
      // N + K = M: 299 priced, 1 skipped, 300 rows.
      assert.deepEqual([summary.rows, summary.priced, summary.skipped], [300, 299, 1]);
      assert.equal(lines.length, 300);
    }
  });

  it("an open quote at the end of the file is an unclosed quote, counted as a row", async () => {
    const { errors, summary } = await batch('hardware,hours,intensity\nTG400,1,"100\n');
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? "", /^2: unclosed quote/);
    assert.deepEqual([summary.rows, summary.priced, summary.skipped], [1, 0, 1]);
  });

  it("old Mac CR-only line breaks are read like LF; CRLF inside a quoted field passes through byte for byte", async () => {
    const cr = "hardware,hours,intensity\rTG400,1,100\rTG400,2,100\r";
    for (const size of [1, 5, 1 << 16]) {
      const { lines, summary } = await batch(cr, { size });
      assert.deepEqual([summary.rows, summary.priced], [2, 2]);
      assert.equal(lines[0], `hardware,hours,intensity,${OUT}`);
      assert.ok(lines[2]?.startsWith("TG400,2,100,0.8,"));
    }
    const crlf = 'hardware,hours,intensity,note\r\nTG400,1,100,"a\r\nb"\r\n';
    const { lines } = await batch(crlf);
    assert.equal(`${lines[1]}\n${lines[2]}`.slice(0, 'TG400,1,100,"a\r\nb"'.length), 'TG400,1,100,"a\r\nb"');
    const json = await batch(crlf, { format: "json" });
    assert.equal(JSON.parse(json.lines[0] ?? "").input.note, "a\r\nb");
  });

  it("hexadecimal, binary and octal cells are refused; so are values that underflow", async () => {
    const text = [
      "hardware,count,hours,intensity,year,region",
      "TG400,1,0x10,100,,",
      "TG400,0b11,1,100,,",
      "TG400,1,0o7,100,,",
      "TG400,1,1,,0x7E8,gcp:dirty-1",
      "TG400,1,5e-324,100,,",
      "TG400,1,1e-320,100,,",
      "TG400,1,1e-307,100,,",
      "TG400,1,1e-300,100,,",
      "TG400,1,1e999,100,,",
      "",
    ].join("\n");
    const { problems, summary } = await batch(text);
    assert.deepEqual(
      problems.map((p) => [p.line, p.code, p.path]),
      [
        [2, "not-a-number", "hours"],
        [3, "not-a-number", "count"],
        [4, "not-a-number", "hours"],
        [5, "not-a-number", "year"],
        [6, "underflow", "hours"],
        [7, "underflow", "hours"],
        [8, "underflow", ""], // 1e-307 h × 400 W: the energy underflows
        [10, "not-a-number", "hours"],
      ],
    );
    assert.equal(problems[0]?.message, '"0x10" is not a decimal number');
    assert.equal(summary.priced, 1);
  });

  it("values in messages are cut and their control characters escaped", async () => {
    const long = `x${"y".repeat(5000)}`;
    const { problems } = await batch(`hardware,hours,intensity\nTG400,${long},100\nTG400,"a\u0007\nb",100\n`);
    assert.equal(problems[0]?.message, `"x${"y".repeat(63)}…" (5,001 characters) is not a number`);
    assert.equal(problems[1]?.message, '"a\\u0007\\nb" is not a number');
  });

  it("JSON keeps repeated and reserved-name columns under input; constructor and __proto__ work", async () => {
    const text = [
      "line,hardware,hours,intensity,emissions_kg,note,note,note_2,constructor,__proto__,toString",
      "L1,TG400,1,100,E,n1,n2,n3,c,p,t",
      "",
    ].join("\n");
    const { lines, errors } = await batch(text, { format: "json" });
    assert.deepEqual(errors, []);
    const row = JSON.parse(lines[0] ?? "");
    assert.equal(row.line, 2);
    assert.equal(row.emissions_kg, 0.04);
    assert.equal(row.input.line, "L1");
    assert.equal(row.input.emissions_kg, "E");
    assert.deepEqual([row.input.note, row.input.note_3, row.input.note_2], ["n1", "n2", "n3"]);
    assert.equal(Object.getOwnPropertyDescriptor(row.input, "__proto__")?.value, "p");
    assert.equal(Object.getOwnPropertyDescriptor(row.input, "constructor")?.value, "c");
    assert.equal(Object.keys(row.input).length, 11);
    // A column named like an Object.prototype member is a pass-through column, not a known one.
    const csv = await batch("constructor,hardware,hours,intensity\nc,TG400,1,100\n");
    assert.equal(csv.summary.priced, 1);
  });

  it("a line longer than a record may be is refused whole; memory stays bounded", async () => {
    const huge = "z".repeat((1 << 20) + 10);
    const text = `hardware,hours,intensity,note\nTG400,1,100,a\nTG400,1,100,${huge}\nTG400,2,100,b\n`;
    for (const size of [1 << 16, 1 << 22]) {
      const { lines, problems, summary } = await batch(text, { size, blockBytes: 4096 });
      assert.deepEqual(
        problems.map((p) => [p.line, p.code]),
        [[3, "line-too-long"]],
      );
      assert.deepEqual([summary.rows, summary.priced, summary.skipped], [3, 2, 1]);
      assert.ok(lines[2]?.startsWith("TG400,2,100,b,0.8,"));
    }
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

describe("runBatch: 100,000 rows against the single-estimate path", () => {
  it("every priced row has estimate()'s numbers exactly; every skipped row is one estimate() refuses", async () => {
    const { text, inputs } = generated(100_000);
    const { lines, problems, summary } = await batch(text, { dataset: dataset as Dataset, size: 1 << 16 });
    assert.equal(summary.rows, 100_000);
    assert.equal(problems.length, 100);
    const skippedLines = new Set(problems.map((p) => p.line));
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

describe("runBatch: on worker threads", () => {
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
      assert.equal(errors.length, 100);
      if (format === "csv") assert.ok(lines.some((l) => l.startsWith('line, ""two""\r')));
      else assert.ok(lines.some((l) => l.includes('"note":"DE\\nline, \\"two\\"\\r\\nthree"')));
    }
    // The same file in one block, one thread: the same bytes and counts; the sums (added per block)
    // differ only in the last bits.
    const whole = await batch(mixed, { dataset: dataset as Dataset });
    const { single } = await both(mixed);
    const blocked = single as typeof whole;
    assert.deepEqual([whole.lines, whole.errors], [blocked.lines, blocked.errors]);
    const { stoppedAt, ...sums } = whole.summary;
    assert.equal(stoppedAt, null);
    for (const [key, value] of Object.entries(sums)) {
      const other = blocked.summary[key as keyof typeof sums];
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
      const { lines, errors, summary } = await batch(strictText, {
        dataset: dataset as Dataset,
        blockBytes: 4096,
        strict: true,
        workers,
        spawnWorker: spawnWorker as BatchOptions["spawnWorker"] & {},
      });
      return { lines, errors, stoppedAt: summary.stoppedAt, rows: summary.rows };
    };
    const single = await run(0);
    assert.deepEqual(single.errors, []);
    // 1,500 good records before it, 250 of them two lines long (a quoted line break).
    assert.equal(single.stoppedAt?.line, 1 + 1500 + 250 + 1);
    assert.equal(single.stoppedAt?.code, "out-of-range");
    // Every record before the bad one is written: the header and 1,500 rows.
    assert.equal(single.lines.length, 1 + 1500 + 250);
    assert.equal(single.rows, 1501);
    assert.deepEqual(await run(2), single);
  });

  it("a quote never closed is reported once on its line; reading resumes on the next line", async () => {
    const { text: plain } = generated(4_000);
    const at = plain.indexOf("\n", 3_000) + 1;
    const strayLine = plain.slice(0, at).split("\n").length;
    const text = `${plain.slice(0, at)}TG400,"open,1\n${plain.slice(at)}`;
    const { single, parallel } = await both(text);
    assert.deepEqual(parallel, single);
    const { problems, summary } = single as Awaited<ReturnType<typeof batch>>;
    assert.ok(problems.some((p) => p.line === strayLine && p.code === "unclosed-quote"));
    assert.equal(summary.rows, 4_001);
    // In a file with other quoted fields the stray quote closes on the next quote: the records in
    // between read as one, refused once; the counts still add up, the same on every thread.
    const withQuotes = `${mixed.slice(0, 20_000)}\nTG400,"open\n${mixed.slice(20_000)}`;
    const both2 = await both(withQuotes);
    assert.deepEqual(both2.parallel, both2.single);
  });
});
