// The lazy part of the dataset (generated hardware looked up by key): found only on a miss of the index.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { HardwareEntry } from "../data/types.ts";
import { findHardware, hardwareKeys, indexOf } from "./dataset-index.ts";
import { fixtureDataset } from "./fixture-dataset.ts";
import type { Dataset } from "./types.ts";

const cpu = (id: string, name: string, tdpW: number): HardwareEntry => ({
  id,
  name,
  aliases: [],
  vendor: name.split(" ")[0] ?? "",
  kind: "cpu",
  tdpW,
  source: "hw",
});

const xeon = cpu("intel-xeon-e5-2620-v3", "Intel Xeon E5-2620 v3", 85);
const epyc = cpu("amd-epyc-7b13", "AMD EPYC 7B13", 280);
const core = cpu("intel-core-i7-8700", "Intel Core i7-8700", 65);

/** The fixture with a lazy part: the three CPUs above are found only through `byKey`, which counts calls. */
const lazyDataset = (): { dataset: Dataset; asked: string[] } => {
  const asked: string[] = [];
  const tail = [xeon, epyc, core];
  const byKey = new Map(tail.flatMap((entry) => hardwareKeys(entry).map((key) => [key, entry] as const)));
  const dataset: Dataset = {
    ...fixtureDataset,
    lazyHardware: {
      all: () => tail,
      byKey: (key) => {
        asked.push(key);
        return byKey.get(key);
      },
    },
  };
  return { dataset, asked };
};

test("a lazy catalog is asked only for what the eager entries do not name", () => {
  const { dataset, asked } = lazyDataset();
  assert.equal(findHardware(dataset, "TG400")?.id, "gpu-400");
  assert.deepEqual(asked, []);
  assert.equal(indexOf(dataset).hardwareByKey.has("intelxeone52620v3"), false);
  assert.equal(findHardware(dataset, "Intel Xeon E5-2620 v3"), xeon);
  assert.deepEqual(asked, ["intelxeone52620v3"]);
});

test("/proc/cpuinfo model strings resolve to the part they name", () => {
  const { dataset } = lazyDataset();
  assert.equal(findHardware(dataset, "Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz"), xeon);
  assert.equal(findHardware(dataset, "AMD EPYC 7B13 64-Core Processor"), epyc);
  assert.equal(findHardware(dataset, "Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz"), core);
});

test("a query may leave out the family word, never more", () => {
  const { dataset } = lazyDataset();
  assert.equal(findHardware(dataset, "E5-2620 v3"), xeon);
  assert.equal(findHardware(dataset, "i7-8700"), core);
  assert.equal(findHardware(dataset, "E5-2620"), undefined);
  assert.equal(findHardware(dataset, "2620 v3"), undefined);
  assert.equal(findHardware(dataset, "Intel(R) Xeon(R) CPU @ 2.20GHz"), undefined);
});

test("a fully indexed dataset answers the same without a lazy part; suggestions read only `hardware`", () => {
  const { lazyHardware: _, ...rest } = lazyDataset().dataset;
  const eager: Dataset = { ...rest, hardware: [...fixtureDataset.hardware, xeon, epyc, core] };
  assert.equal(findHardware(eager, "Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz"), xeon);
  assert.equal(indexOf(eager).hardwareByKey.get("xeone52620v3"), xeon);
  assert.ok(!indexOf(lazyDataset().dataset).hardwareNames.includes(xeon.name));
});

test("hardware wins over the lazy part on a shared key", () => {
  const shadow = { ...xeon, id: "shadow", name: "Test GPU 400" };
  const dataset: Dataset = {
    ...fixtureDataset,
    lazyHardware: { all: () => [shadow], byKey: (key) => (key === "testgpu400" ? shadow : undefined) },
  };
  assert.equal(findHardware(dataset, "Test GPU 400")?.id, "gpu-400");
});
