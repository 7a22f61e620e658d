// Fits the CPU load curves (src/data/hardware/cpu-power-curves.generated.ts) and writes their
// leave-one-CPU-out error table into docs/methodology.md (docs/methodology.md, "CPU power model").
//
// power(u) = TDP × (idle + (1 − idle) × shape_arch(u))
//   shape_arch: the dynamic part of SPECpower_ssj2008 wall power, (P(u) − P(idle)) / (P(100 %) − P(idle)),
//               at 0, 10 … 100 % load; each CPU model the median of its results, the architecture the mean
//               of its CPU models (2 or more), else the mean of all CPU models ("generic").
//   idle:       package power at idle / TDP, measured with RAPL (CodeCarbon's load profiles), the mean of
//               the CPUs of the same vendor.
// Run: node --import tsx scripts/fit-cpu-power.mjs [--check]
import { readFileSync } from "node:fs";
import { findHardware } from "../src/core/dataset-index.ts";
import { cpuModelName, normalizeName } from "../src/core/normalize-name.ts";
import { dataset } from "../src/data/index.ts";
import { ARCHITECTURES, cpuArchitectureOf } from "./lib/cpu-architecture.mjs";
import { parseCsvRecords } from "./lib/csv.mjs";
import { generatedHeader, rawFile, writeGenerated, writeGeneratedText } from "./lib/generated-file.mjs";

const STEPS = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
const MIN_CPUS = 2;
/** Architectures without SPECpower results take the curve of the nearest one that has them. */
const BORROWED = {
  "intel-emeraldrapids": "intel-sapphirerapids",
  "intel-xeon6": "intel-sapphirerapids",
  "intel-hybrid-client": "intel-skylake-client",
  "amd-zen5": "amd-zen4",
};

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const round = (x, digits = 3) => Number(x.toFixed(digits));
/** Piecewise-linear reading of an 11-point curve at u in [0, 1]. */
const at = (curve, u) => {
  const x = Math.min(Math.max(u, 0), 1) * 10;
  const i = Math.min(9, Math.floor(x));
  return curve[i] + (curve[i + 1] - curve[i]) * (x - i);
};

// --- SPECpower: one dynamic shape per result, grouped by CPU model -------------------------------------
const specFile = rawFile("data/raw/specpower/power_ssj2008-results-20230518-025251.csv", "latin1");
const wattsAt = (r, step) =>
  Number(
    r[
      step === 0
        ? "Average watts @ active idle"
        : step === 10
          ? "Average watts@10% of target load"
          : `Average watts @ ${step}% of target load`
    ],
  );
const cpuKeyOf = (processor) => {
  const entry = findHardware(dataset, processor);
  if (entry !== undefined)
    return { key: entry.id, architecture: entry.architecture ?? cpuArchitectureOf(processor) };
  const cleaned = (cpuModelName(processor) ?? processor).replace(/\(.*?\)|,.*$|\b[\d.]+\s*[gm]hz\b/gi, " ");
  return { key: normalizeName(cleaned), architecture: cpuArchitectureOf(processor) };
};
const specResults = [];
let dropped = 0;
for (const r of parseCsvRecords(specFile.text)) {
  const watts = STEPS.map((step) => wattsAt(r, step));
  const valid = watts.every((w) => Number.isFinite(w) && w > 0);
  if (!valid || watts.some((w, i) => i > 0 && w < watts[i - 1] * 0.97)) {
    dropped++;
    continue;
  }
  const idle = watts[0];
  const full = watts[10];
  const { key, architecture } = cpuKeyOf(r.Processor);
  specResults.push({ cpu: key, architecture, shape: watts.map((w) => (w - idle) / (full - idle)) });
}
const shapesByCpu = new Map();
for (const result of specResults) {
  const cpu = shapesByCpu.get(result.cpu) ?? { architecture: result.architecture, shapes: [] };
  cpu.shapes.push(result.shape);
  shapesByCpu.set(result.cpu, cpu);
}
/** Per CPU model: the pointwise median of its results. */
const cpuShapes = [...shapesByCpu].map(([cpu, { architecture, shapes }]) => ({
  cpu,
  architecture,
  results: shapes.length,
  shape: STEPS.map((_, i) => median(shapes.map((s) => s[i]))),
}));

/** Shape of an architecture (or "generic"), leaving out one CPU model; null when too few CPUs remain. */
const shapeOf = (architecture, leaveOut) => {
  const cpus = cpuShapes.filter(
    (c) =>
      c.cpu !== leaveOut &&
      c.architecture !== null &&
      (architecture === "generic" || c.architecture === architecture),
  );
  if (cpus.length < MIN_CPUS) return null;
  return {
    shape: STEPS.map((_, i) => mean(cpus.map((c) => c.shape[i]))),
    cpus: cpus.length,
    results: cpus.reduce((n, c) => n + c.results, 0),
  };
};
const shapeFor = (architecture, leaveOut) =>
  (architecture === null ? null : shapeOf(BORROWED[architecture] ?? architecture, leaveOut)) ??
  shapeOf("generic", leaveOut);

// --- RAPL: package power against utilization ---------------------------------------------------------
const raplManifest = JSON.parse(readFileSync("data/raw/cpu-load-profiles/SOURCE.json", "utf8"));
const raplFiles = [];
const raplPoints = [];
for (const profile of raplManifest.profiles) {
  const entry = findHardware(dataset, profile.cpu);
  if (entry === undefined) throw new Error(`fit: ${profile.cpu} is not in the catalog`);
  for (const load of ["all_cores", "some_cores"]) {
    const file = rawFile(`data/raw/cpu-load-profiles/${profile.folder}--${load}.csv`);
    raplFiles.push(file);
    for (const r of parseCsvRecords(file.text)) {
      raplPoints.push({
        cpu: entry.id,
        vendor: entry.vendor,
        architecture: entry.architecture ?? null,
        tdpW: entry.tdpW * profile.sockets,
        utilization: Math.min(Number(r.cpu_load) / 100, 1),
        powerW: (Number(r.rapl_energy) * 3.6e6) / Number(r.duration),
        codecarbonW: Number(r.estimated_power),
      });
    }
  }
}
const raplCpus = [...new Set(raplPoints.map((p) => p.cpu))];
/** Idle share of TDP of each RAPL CPU: its lowest-load steps (under 5 %), averaged. */
const idleByCpu = new Map(
  raplCpus.map((cpu) => {
    const idle = raplPoints.filter((p) => p.cpu === cpu && p.utilization < 0.05);
    return [cpu, { vendor: idle[0].vendor, fraction: mean(idle.map((p) => p.powerW / p.tdpW)) }];
  }),
);
const idleFor = (vendor, leaveOut) => {
  const others = [...idleByCpu].filter(
    ([cpu, v]) => cpu !== leaveOut && (vendor === null || v.vendor === vendor),
  );
  return others.length === 0 ? null : mean(others.map(([, v]) => v.fraction));
};

// --- The curves --------------------------------------------------------------------------------------
const FIT_SOURCE = "mlco2-cpu-power-fit";
const curveRecord = (id, fitted, idleFraction, note) => ({
  id,
  idleFraction: round(idleFraction),
  dynamicShape: fitted.shape.map((v, i) => (i === 0 ? 0 : i === 10 ? 1 : round(v))),
  source: FIT_SOURCE,
  year: 2026,
  note,
});
const vendorOfArchitecture = (id) => (id.startsWith("intel") ? "Intel" : "AMD");
const curves = [];
const generic = shapeOf("generic", null);
curves.push(
  curveRecord(
    "generic",
    generic,
    idleFor(null, null),
    `shape: mean of ${generic.cpus} CPU models (${generic.results} SPECpower results); idle: mean of ${idleByCpu.size} CPUs measured with RAPL`,
  ),
);
for (const id of ARCHITECTURES) {
  const own = shapeOf(id, null);
  const fitted = own ?? shapeOf(BORROWED[id] ?? "generic", null) ?? generic;
  const vendor = vendorOfArchitecture(id);
  const idleCpus = [...idleByCpu.values()].filter((v) => v.vendor === vendor).length;
  const shapeNote = own
    ? `shape: ${own.cpus} CPU models, ${own.results} SPECpower results`
    : `shape: no SPECpower result of this architecture in the 2023-05 export; ${BORROWED[id] ?? "generic"}'s`;
  curves.push(
    curveRecord(
      id,
      fitted,
      idleFor(vendor, null),
      `${shapeNote}; idle: mean of ${idleCpus} ${vendor} CPUs measured with RAPL`,
    ),
  );
}

// --- Leave-one-CPU-out validation -------------------------------------------------------------------
const linear = (idle) => (p) => p.tdpW * (idle + (1 - idle) * p.utilization);
const models = [
  ["mlco2 0.1: linear, idle 0.21 × TDP (before this change)", () => linear(0.21)],
  ["linear, idle 0.25 × TDP", () => linear(0.25)],
  [
    "CodeCarbon as recorded in the profiles (2025-01: TDP × max(u, 0.1); Threadripper piecewise)",
    () => (p) => p.codecarbonW,
  ],
  [
    "CodeCarbon b05965e, machine mode: TDP × (0.1 + 0.9 u³)",
    () => (p) => p.tdpW * (0.1 + 0.9 * p.utilization ** 3),
  ],
  [
    "one global curve (all CPU models' shape, all CPUs' idle), left-out CPU unseen",
    (cpu) => {
      const shape = shapeOf("generic", cpu).shape;
      const idle = idleFor(null, cpu);
      return (p) => p.tdpW * (idle + (1 - idle) * at(shape, p.utilization));
    },
  ],
  [
    "this model: curve of the CPU's architecture, idle of its vendor, left-out CPU unseen",
    (cpu, first) => {
      const shape = shapeFor(first.architecture, cpu).shape;
      const idle = idleFor(first.vendor, cpu) ?? idleFor(null, cpu);
      return (p) => p.tdpW * (idle + (1 - idle) * at(shape, p.utilization));
    },
  ],
];
const pct = (x) => `${(x * 100).toFixed(1)} %`;
const raplRows = models.map(([name, make]) => {
  const errors = [];
  const perCpu = [];
  for (const cpu of raplCpus) {
    const points = raplPoints.filter((p) => p.cpu === cpu);
    const predict = make(cpu, points[0]);
    const e = points.map((p) => Math.abs(predict(p) - p.powerW) / p.powerW);
    errors.push(...e);
    perCpu.push(`${median(e) * 100 < 10 ? " " : ""}${(median(e) * 100).toFixed(0)}`);
  }
  return `| ${name} | ${pct(median(errors))} | ${perCpu.join(" / ")} |`;
});

const shapeModels = [
  ["linear (mlco2 0.1, any idle share)", () => (u) => u],
  ["CodeCarbon b05965e machine mode, dynamic part u³", () => (u) => u ** 3],
  [
    "one global shape, left-out CPU model unseen",
    (cpu) =>
      (
        (s) => (u) =>
          at(s, u)
      )(shapeOf("generic", cpu).shape),
  ],
  [
    "this model: architecture's shape, left-out CPU model unseen",
    (cpu, arch) =>
      (
        (s) => (u) =>
          at(s, u)
      )(shapeFor(arch, cpu).shape),
  ],
];
const heldOut = cpuShapes.filter((c) => c.architecture !== null);
const shapeRows = shapeModels.map(([name, make]) => {
  const errors = [];
  for (const c of heldOut) {
    const predict = make(c.cpu, c.architecture);
    for (const r of specResults.filter((x) => x.cpu === c.cpu)) {
      for (let i = 1; i < 10; i++) errors.push(Math.abs(predict(STEPS[i] / 100) - r.shape[i]) / r.shape[i]);
    }
  }
  return `| ${name} | ${pct(median(errors))} |`;
});

const raplNames = raplCpus.map((cpu) => findHardware(dataset, cpu)?.name ?? cpu).join(" / ");
const table = `<!-- cpu-power-fit:start (written by scripts/fit-cpu-power.mjs; npm run check:data verifies) -->
**Package power under load, measured with RAPL** (CodeCarbon's load profiles: ${raplCpus.length} CPUs, ${raplPoints.length} steps
of 0–100 % utilization, "all cores" and "some cores" loads). Median absolute error of the predicted
power, each CPU predicted by a model fitted without it (the SPECpower results of the same CPU model left
out too); per CPU: ${raplNames}.

| model | median error | per CPU (%) |
|---|---|---|
${raplRows.join("\n")}

**Shape of the load curve, SPECpower_ssj2008** (${heldOut.reduce((n, c) => n + c.results, 0)} results of ${heldOut.length} CPU models with a known architecture,
of ${specResults.length} usable results; ${dropped} dropped as inconsistent). Median absolute error of the dynamic share
(P(u) − P(idle)) / (P(100 %) − P(idle)) at 10 %…90 % load, each CPU model predicted without its own results.

| model | median error |
|---|---|
${shapeRows.join("\n")}
<!-- cpu-power-fit:end -->`;

// --- Output -------------------------------------------------------------------------------------------
const header = generatedHeader({
  script: "scripts/fit-cpu-power.mjs",
  inputs: [specFile, ...raplFiles],
  upstream: `SPECpower_ssj2008 results export 2023-05-18 (SPEC); CodeCarbon @ ${raplManifest.commit} load profiles (MIT)`,
  summary: `${curves.length} curves: generic and ${ARCHITECTURES.length} architectures`,
});
writeGenerated(
  "src/data/hardware/cpu-power-curves.generated.ts",
  `${header}
import type { CpuPowerCurve } from "../types.ts";

/** CPU load curves by architecture id, and "generic" for CPUs whose architecture is unknown. */
export const cpuPowerCurves: readonly CpuPowerCurve[] = ${JSON.stringify(curves, null, 2)};
`,
);
const methodology = readFileSync("docs/methodology.md", "utf8");
const start = methodology.indexOf("<!-- cpu-power-fit:start");
const end = methodology.indexOf("<!-- cpu-power-fit:end -->");
if (start < 0 || end < 0) throw new Error("docs/methodology.md has no cpu-power-fit markers");
writeGeneratedText(
  "docs/methodology.md",
  `${methodology.slice(0, start)}${table}${methodology.slice(end + "<!-- cpu-power-fit:end -->".length)}`,
);
if (!process.argv.includes("--check")) console.log(table);
