import assert from "node:assert/strict";
import { test } from "node:test";
import { hardwareKeys } from "../../core/dataset-index.ts";
import { normalizeName } from "../../core/normalize-name.ts";
import { allHardware } from "./cpu-table-file.ts";
import { handWrittenHardware, hardwareSources } from "./index.ts";

const hardware = allHardware();

/** The brief's matching key: lower case, without spaces, hyphens, underscores or parentheses. */
const normalise = (s: string): string => s.toLowerCase().replace(/[\s\-_()]/g, "");

test("catalog has the hand-written entries first and thousands of CPUs in all", () => {
  assert.ok(handWrittenHardware.length >= 120, `only ${handWrittenHardware.length} hand-written entries`);
  assert.deepEqual(hardware.slice(0, handWrittenHardware.length), handWrittenHardware);
  const cpus = hardware.filter((e) => e.kind === "cpu");
  assert.ok(cpus.length >= 4000, `only ${cpus.length} CPUs`);
});

test("ids are unique kebab-case", () => {
  const ids = new Set<string>();
  for (const entry of hardware) {
    assert.match(entry.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, entry.id);
    assert.ok(!ids.has(entry.id), `duplicate id ${entry.id}`);
    ids.add(entry.id);
  }
});

test("source ids are unique and every cited source exists", () => {
  const sourceIds = new Set(hardwareSources.map((s) => s.id));
  assert.equal(sourceIds.size, hardwareSources.length, "duplicate source id");
  for (const entry of hardware) {
    assert.ok(sourceIds.has(entry.source), `${entry.id}: unknown source ${entry.source}`);
    if (entry.idleSource !== undefined) {
      assert.ok(sourceIds.has(entry.idleSource), `${entry.id}: unknown idleSource ${entry.idleSource}`);
    }
  }
});

test("every source is cited by an entry (as source, idleSource or in a note)", () => {
  for (const source of hardwareSources) {
    const cited = hardware.some(
      (e) => e.source === source.id || e.idleSource === source.id || (e.note ?? "").includes(source.id),
    );
    assert.ok(cited, `source ${source.id} is not cited`);
  }
});

test("sources are well formed", () => {
  for (const source of hardwareSources) {
    assert.match(source.retrieved, /^\d{4}-\d{2}-\d{2}$/, source.id);
    assert.ok(source.url.startsWith("https://"), source.id);
    assert.ok(source.year >= 2010 && source.year <= 2026, source.id);
  }
});

test("no normalised name or alias collides across entries", () => {
  const owner = new Map<string, string>();
  for (const entry of hardware) {
    const keys = new Set([entry.name, ...entry.aliases].map(normalise));
    for (const key of keys) {
      const other = owner.get(key);
      assert.ok(other === undefined, `"${key}" used by both ${other} and ${entry.id}`);
      owner.set(key, entry.id);
    }
  }
});

test("no lookup key of the engine (id, name, alias, with or without vendor word) collides across entries", () => {
  const owner = new Map<string, string>();
  for (const entry of hardware) {
    for (const key of hardwareKeys(entry)) {
      const other = owner.get(key);
      assert.ok(other === undefined || other === entry.id, `"${key}" used by both ${other} and ${entry.id}`);
      owner.set(key, entry.id);
    }
  }
  assert.ok(owner.has(normalizeName("NVIDIA A100-SXM4-80GB")));
});

test("power figures are positive and idle is below TDP", () => {
  for (const entry of hardware) {
    assert.ok(Number.isFinite(entry.tdpW) && entry.tdpW > 0, `${entry.id}: tdpW ${entry.tdpW}`);
    if (entry.idleW !== undefined) {
      assert.ok(entry.idleW >= 0 && entry.idleW < entry.tdpW, `${entry.id}: idleW ${entry.idleW}`);
    }
  }
});

test("GPUs and accelerators carry memory; hand-written CPUs carry cores and threads", () => {
  for (const entry of handWrittenHardware) {
    if (entry.kind === "gpu" || entry.kind === "tpu" || entry.kind === "npu") {
      assert.ok((entry.memoryGB ?? 0) > 0, `${entry.id}: memoryGB`);
    }
    if (entry.kind === "cpu") {
      assert.ok(
        (entry.cores ?? 0) > 0 && (entry.threads ?? 0) >= (entry.cores ?? 0),
        `${entry.id}: cores/threads`,
      );
    }
  }
});

test("datasheet corrections of the 2019 calculator's list hold", () => {
  const byAlias = (alias: string) => {
    const key = normalise(alias);
    return hardware.find((e) => [e.name, ...e.aliases].some((a) => normalise(a) === key));
  };
  assert.equal(byAlias("Tesla V100-PCIE-16GB")?.tdpW, 250);
  assert.equal(byAlias("Tesla V100-SXM2-16GB")?.tdpW, 300);
  assert.equal(byAlias("NVIDIA A100 80GB PCIe")?.tdpW, 300);
  assert.equal(byAlias("GTX 750")?.tdpW, 55);
  for (const alias of [
    "NVIDIA A100-SXM4-80GB",
    "NVIDIA A100-PCIE-40GB",
    "NVIDIA H100 80GB HBM3",
    "NVIDIA H100 PCIe",
    "NVIDIA H100 NVL",
    "NVIDIA H200",
    "Tesla T4",
    "Tesla K80",
    "NVIDIA L4",
    "NVIDIA A10G",
    "NVIDIA GeForce RTX 4090",
    "A100",
    "V100",
    "H100",
  ]) {
    assert.ok(byAlias(alias), `no entry for ${alias}`);
  }
});

test("every name of the 2019 calculator's hardware list resolves", () => {
  const keys = new Set(hardware.flatMap((e) => [e.name, ...e.aliases].map(normalise)));
  const names2019 = [
    "A100 PCIe 40/80GB",
    "A100 SXM4 80 GB",
    "AGX Xavier",
    "AMD RX480",
    "GTX 1080 Ti",
    "GTX 1080",
    "GTX 750",
    "GTX TITAN X",
    "Quadro K6000",
    "Quadro P6000",
    "RTX 2080 Ti",
    "RTX 2080",
    "RTX 8000",
    "T4",
    "Tesla K40c",
    "Tesla K80",
    "Tesla M40 24GB",
    "Tesla P100",
    "Tesla P40",
    "Tesla V100-PCIE-16GB",
    "Tesla V100-SXM2-16GB",
    "Tesla V100-SXM2-32GB",
    "Titan RTX",
    "Titan V",
    "TITAN X Pascal",
    "Titan Xp",
    "TPUv2 Chip",
    "TPUv3 Chip",
    "RTX 3080",
    "RTX 3080 TI",
    "RTX 3090",
    "RTX A4000",
    "RTX A5000",
    "RTX A6000",
    "Intel Xeon E5-2699",
    "Intel Xeon E5-2630v4",
    "Intel Xeon E5-2650",
    "Intel Xeon Gold 5220",
    "Intel Xeon Gold 6148",
    "AMD EPYC 7763",
  ];
  for (const name of names2019) {
    assert.ok(keys.has(normalise(name)), `2019 name ${name} does not resolve`);
  }
});
