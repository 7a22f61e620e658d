// The bundled catalog answers the names users and machines print: vendor names, /proc/cpuinfo model
// strings, cloud variants; hand-written entries win over the generated table.
import assert from "node:assert/strict";
import { test } from "node:test";
import { findHardware } from "../../core/dataset-index.ts";
import { dataset } from "../index.ts";

const find = (query: string) => findHardware(dataset, query);

test("/proc/cpuinfo model strings of common servers resolve with their TDP", () => {
  const cases: [string, string, number][] = [
    ["Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz", "Intel Xeon E5-2620 v3", 85],
    ["AMD EPYC 7B13 64-Core Processor", "AMD EPYC 7B13", 280],
    ["Intel(R) Xeon(R) Platinum 8275CL CPU @ 3.00GHz", "Intel Xeon Platinum 8275CL", 240],
    ["Intel(R) Xeon(R) CPU E5-2650 0 @ 2.00GHz", "Intel Xeon E5-2650", 95],
    ["Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz", "Intel Xeon Gold 6148", 150],
    ["AMD EPYC 7763 64-Core Processor", "AMD EPYC 7763", 280],
    ["13th Gen Intel(R) Core(TM) i7-13700K", "Intel Core i7-13700K", 125],
    ["Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz", "Intel Core i7-8700", 65],
    ["AMD Ryzen Threadripper 1950X 16-Core Processor", "AMD Ryzen Threadripper 1950X", 180],
    ["Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz", "Intel Xeon Silver 4214", 85],
  ];
  for (const [query, name, tdpW] of cases) {
    const entry = find(query);
    assert.equal(entry?.name, name, query);
    assert.equal(entry?.tdpW, tdpW, query);
  }
});

test("cloud variants resolve by number alone: 7B13, 8275CL, 8480C", () => {
  assert.equal(find("7B13")?.id, "amd-epyc-7b13");
  assert.equal(find("8275CL")?.id, "intel-xeon-platinum-8275cl");
  assert.equal(find("8480C")?.id, "intel-xeon-platinum-8480c");
  assert.equal(find("Intel Xeon Platinum 8480C")?.tdpW, 350);
});

test("hand-written entries keep their datasheet source over the generated table", () => {
  assert.equal(find("Intel Xeon Gold 6148")?.source, "intel-ark-gold-6148");
  assert.equal(find("AMD EPYC 7763")?.source, "amd-epyc-7763-page");
  assert.equal(find("Intel Xeon E5-2620 v3")?.source, "codecarbon-intel-ark-2026");
  assert.equal(find("AMD FX-8350")?.source, "codecarbon-amd-specs-2026");
});

test("generated entries carry the architecture that selects their load curve", () => {
  assert.equal(find("Intel Xeon E5-2620 v3")?.architecture, "intel-haswell");
  assert.equal(find("Intel Xeon Gold 6130")?.architecture, "intel-skylake-sp");
  assert.equal(find("AMD EPYC 7282")?.architecture, "amd-zen2");
});

test("the generated table's own key index answers every key the engine would make for its entries", async () => {
  const { generatedCpus } = await import("./cpu-table-file.ts");
  const { hardwareKeys } = await import("../../core/dataset-index.ts");
  const owner = new Map<string, string>();
  for (const entry of generatedCpus.all()) {
    for (const key of hardwareKeys(entry)) if (!owner.has(key)) owner.set(key, entry.id);
  }
  for (const [key, id] of owner) assert.equal(generatedCpus.byKey(key)?.id, id, key);
});
