import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dataset } from "../data/index.ts";
import type { HardwareEntry } from "../data/types.ts";
import { findHardware } from "./dataset-index.ts";
import { fixtureDataset } from "./fixture-dataset.ts";
import { bestHardwareMatch, searchHardware } from "./hardware-search.ts";
import type { Dataset } from "./types.ts";

const entry = (id: string, name: string, aliases: string[], tdpW: number): HardwareEntry => ({
  id,
  name,
  aliases,
  vendor: "Acme",
  kind: "gpu",
  tdpW,
  source: "hw",
});

/** Hand-made catalog: a family whose bare name is an alias of one member, a prefix family, a glued word. */
const tiny: Dataset = {
  ...fixtureDataset,
  hardware: [
    entry("acme-x1-pcie", "Acme X1 PCIe 40GB", ["X1 PCIe"], 250),
    entry("acme-x1-sxm-80gb", "Acme X1 SXM 80GB", ["X1 80GB"], 400),
    entry("acme-x1-pcie-80gb", "Acme X1 PCIe 80GB", ["X1 80GB PCIe"], 300),
    entry("acme-x1-sxm", "Acme X1 SXM 40GB", ["X1", "X1 SXM"], 400),
    entry("acme-z9a", "Acme Z9A", ["Z9A"], 550),
    entry("acme-z9x", "Acme Z9X", ["Z9X"], 750),
    entry("acme-p1-sxm2", "Acme P1 SXM2", ["P1 SXM2"], 300),
    entry("acme-m2", "Acme M2 Max", ["M2 Max"], 60),
  ],
};
const ids = (query: string, d: Dataset = tiny) => searchHardware(d, query).map((m) => m.entry.id);

describe("hardware search (hand-made catalog)", () => {
  it("puts the entry the resolver names first, whatever the catalog order", () => {
    assert.equal(findHardware(tiny, "X1")?.id, "acme-x1-sxm");
    const found = searchHardware(tiny, "x1");
    assert.equal(found[0]?.entry.id, "acme-x1-sxm");
    assert.equal(found[0]?.match, "exact");
    assert.equal(found.length, 4);
  });
  it("prefers the spelling the query covers most, then the higher TDP", () => {
    // "80" names "80GB" whole; "X1 80GB" (2 of 2 words) beats "X1 80GB PCIe" (2 of 3).
    assert.deepEqual(ids("x1 80"), ["acme-x1-sxm-80gb", "acme-x1-pcie-80gb"]);
    // Equal prefix matches: the higher TDP first.
    assert.deepEqual(ids("z9"), ["acme-z9x", "acme-z9a"]);
  });
  it("ranks whole words above a substring inside another word", () => {
    assert.deepEqual(ids("m2"), ["acme-m2", "acme-p1-sxm2"]);
    assert.equal(searchHardware(tiny, "m2")[0]?.match, "whole");
    assert.equal(searchHardware(tiny, "m2")[1]?.match, "substring");
  });
  it("forgives glued words, case and punctuation; nothing for no match", () => {
    assert.deepEqual(ids("X1SXM80GB"), ["acme-x1-sxm-80gb"]);
    assert.deepEqual(ids("p1-sxm2"), ["acme-p1-sxm2"]);
    assert.deepEqual(ids("qqq"), []);
    assert.equal(bestHardwareMatch(tiny, "qqq"), undefined);
  });
  it("lists the catalog in order for an empty query, and filters by kind", () => {
    assert.deepEqual(
      ids("  "),
      tiny.hardware.map((h) => h.id),
    );
    assert.deepEqual(searchHardware(tiny, "x1", { kind: "cpu" }), []);
  });
  it("stays linear on a huge query", () => {
    const found = searchHardware(tiny, `x1 ${"zz ".repeat(50_000)}`);
    assert.deepEqual(found, []);
  });
});

describe("hardware search (bundled catalog)", () => {
  const best = (query: string) => bestHardwareMatch(dataset, query)?.id;
  it("agrees with `estimate --hardware` where the resolver knows the query", () => {
    for (const query of ["H100", "A100", "V100", "M2", "T4", "TPU v4", "a100 sxm4 80gb"]) {
      assert.equal(best(query), findHardware(dataset, query)?.id, query);
    }
    assert.equal(best("H100"), "nvidia-h100-sxm");
    assert.equal(best("M2"), "apple-m2");
  });
  it("picks the best match where it does not", () => {
    assert.equal(best("a100 80"), "nvidia-a100-sxm4-80gb");
    assert.equal(best("mi300"), "amd-instinct-mi300x");
    assert.equal(best("h100 pci"), "nvidia-h100-pcie");
    assert.equal(best("gaudi 3"), "intel-gaudi3-oam");
    assert.equal(best("nothing like it"), undefined);
  });
});
