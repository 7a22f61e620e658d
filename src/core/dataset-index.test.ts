import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { HardwareEntry } from "../data/types.ts";
import { findHardware, hardwareKeys, indexOf, type Memo, remember } from "./dataset-index.ts";
import { fixtureDataset as data } from "./fixture-dataset.ts";
import { withoutVendorPrefix } from "./normalize-name.ts";
import type { Dataset } from "./types.ts";

const entry = (id: string, name: string, aliases: string[] = []): HardwareEntry => ({
  id,
  name,
  aliases,
  vendor: "V",
  kind: "gpu",
  tdpW: 100,
  source: "hw",
});

describe("hardwareKeys", () => {
  it("id, name and aliases, normalised; a vendor-prefixed name also without its vendor word", () => {
    const [gpu400] = data.hardware;
    assert.ok(gpu400 !== undefined);
    assert.deepEqual(hardwareKeys(gpu400), [
      "gpu400",
      "testgpu400",
      "nvidiatg400sxm480gb",
      "tg400sxm480gb",
      "tg400",
    ]);
  });

  it("each key once, however often it recurs", () => {
    assert.deepEqual(hardwareKeys(entry("A-100", "A100", ["a 100", "NVIDIA A100"])), ["a100", "nvidiaa100"]);
  });
});

describe("withoutVendorPrefix", () => {
  it("strips every leading vendor or brand word, in any order", () => {
    assert.equal(withoutVendorPrefix("nvidiageforcertx4090"), "rtx4090");
    assert.equal(withoutVendorPrefix("teslanvidiav100"), "v100");
    assert.equal(withoutVendorPrefix("googlecloudtpuv4"), "tpuv4");
    assert.equal(withoutVendorPrefix("amazoninferentia2"), "inferentia2");
    assert.equal(withoutVendorPrefix("applem2"), "m2");
  });

  it("null when there is no vendor word, or nothing of substance would be left", () => {
    assert.equal(withoutVendorPrefix("h100"), null);
    assert.equal(withoutVendorPrefix("nvidia"), null);
    assert.equal(withoutVendorPrefix("amdx"), null, "one character is not a name");
    assert.equal(withoutVendorPrefix("amdxy"), "xy");
  });
});

describe("indexOf", () => {
  it("is built once per dataset object", () => {
    assert.equal(indexOf(data), indexOf(data));
    assert.notEqual(indexOf({ ...data }), indexOf(data));
  });

  it("providers by id and lower-cased alias; regions by provider:region; regions per provider", () => {
    const index = indexOf(data);
    assert.deepEqual([...index.providerByKey.keys()], ["gcp", "google", "aws"]);
    assert.equal(index.providerByKey.get("google")?.id, "gcp");
    assert.deepEqual([...index.regionByKey.keys()], ["gcp:dirty-1", "gcp:clean-1", "aws:east-1"]);
    assert.deepEqual(
      [...index.regionsByProvider].map(([p, rs]) => [p, rs.map((r) => r.id)]),
      [
        ["gcp", ["dirty-1", "clean-1"]],
        ["aws", ["east-1"]],
      ],
    );
    assert.equal(index.zoneById, data.grid.zones);
    assert.deepEqual(index.hardwareNames, [
      "Test GPU 400",
      "NVIDIA TG400-SXM4-80GB",
      "TG400",
      "Test GPU 300",
      "Test CPU 200",
      "Test CPU Curve",
    ]);
  });

  it("mixed-case region ids and provider aliases are keyed in lower case", () => {
    const dataset: Dataset = {
      ...data,
      providers: [{ id: "gcp", name: "Google Cloud", aliases: ["GoogleCloud"] }],
      regions: [{ ...(data.regions[0] as Dataset["regions"][number]), id: "EU-West" }],
    };
    const index = indexOf(dataset);
    assert.equal(index.providerByKey.get("googlecloud")?.id, "gcp");
    assert.equal(index.regionByKey.get("gcp:eu-west")?.id, "EU-West");
  });

  it("when two entries share a key, the first in the catalog keeps it", () => {
    const dataset: Dataset = {
      ...data,
      hardware: [entry("a", "Alpha", ["shared"]), entry("b", "Beta", ["Shared"])],
    };
    assert.equal(findHardware(dataset, "SHARED")?.id, "a");
    assert.equal(findHardware(dataset, "beta")?.id, "b");
  });
});

describe("hardware index, built as far as a lookup needs", () => {
  /** Entries that count how often their names are read (hardwareKeys reads id, name and aliases). */
  const counted = (count: number) => {
    const reads: string[] = [];
    const hardware = Array.from({ length: count }, (_, i) => {
      const plain = entry(`gpu-${i}`, `GPU ${i}`, i === 3 ? ["gpu 1"] : []);
      return Object.defineProperty({ ...plain }, "name", {
        get: () => {
          reads.push(plain.id);
          return plain.name;
        },
      });
    });
    return { dataset: { ...data, hardware } as Dataset, reads };
  };

  it("naming an entry near the top reads no entry after it", () => {
    const { dataset, reads } = counted(50);
    assert.equal(findHardware(dataset, "GPU 2")?.id, "gpu-2");
    assert.deepEqual(new Set(reads), new Set(["gpu-0", "gpu-1", "gpu-2"]));
    const before = reads.length;
    assert.equal(indexOf(dataset).hardwareOf("gpu1")?.id, "gpu-1");
    assert.equal(reads.length, before, "an indexed key is answered from the index");
  });

  it("a key that no entry has indexes the whole catalog once", () => {
    const { dataset, reads } = counted(50);
    assert.equal(findHardware(dataset, "GPU 99"), undefined);
    const once = reads.length;
    assert.ok(once >= 50);
    assert.equal(indexOf(dataset).hardwareOf("gpu49")?.id, "gpu-49");
    assert.equal(reads.length, once);
  });

  it("answers every key as a full index does, whatever the order of lookups", () => {
    const hardware = [
      entry("a", "Alpha", ["shared", "NVIDIA Beta"]),
      entry("b", "Beta", ["Shared"]),
      entry("c", "Gamma", ["alpha", "beta"]),
      entry("d", "NVIDIA Delta", ["Gamma"]),
      ...data.hardware,
    ];
    const full = new Map<string, string>();
    for (const h of hardware) for (const key of hardwareKeys(h)) if (!full.has(key)) full.set(key, h.id);
    const keys = [...full.keys()];
    for (let shift = 0; shift < keys.length; shift++) {
      const index = indexOf({ ...data, hardware });
      const order = [...keys.slice(shift), ...keys.slice(0, shift)].reverse();
      for (const key of order)
        assert.equal(index.hardwareOf(key)?.id, full.get(key), `${key} (shift ${shift})`);
      assert.deepEqual([...index.hardwareByKey].map(([key, h]) => [key, h.id]).sort(), [...full].sort());
    }
  });
});

describe("findHardware", () => {
  const cases: [string, string | undefined][] = [
    ["gpu-400", "gpu-400"],
    ["Test GPU 400", "gpu-400"],
    ["  test gpu 400  ", "gpu-400"],
    ["tg400", "gpu-400"],
    ["NVIDIA TG400", "gpu-400"], // the vendor word dropped from the query
    ["NVIDIA Test GPU 400", "gpu-400"],
    ["Tesla NVIDIA TG400-SXM4-80GB", "gpu-400"],
    ["TG400 SXM4 80GB", "gpu-400"], // the alias without its vendor word
    ["test_gpu_300", "gpu-300"],
    ["Test CPU 200", "cpu-200"],
    ["TG4000", undefined],
    ["", undefined],
    ["NVIDIA", undefined],
  ];
  for (const [query, id] of cases) {
    it(`${JSON.stringify(query)} → ${id ?? "nothing"}`, () =>
      assert.equal(findHardware(data, query)?.id, id));
  }

  it("the hardware memo stays bounded whatever is typed: 10,001 different names, at most 10,000 kept", () => {
    const dataset: Dataset = { ...data };
    const memo = indexOf(dataset).memos.hardware;
    for (let i = 0; i < 10_000; i++) findHardware(dataset, `unknown ${i}`);
    assert.equal(memo.size, 10_000);
    findHardware(dataset, "one more");
    assert.equal(memo.size, 1, "the memo starts afresh rather than growing");
    assert.equal(findHardware(dataset, "tg400")?.id, "gpu-400", "and still answers");
  });
});

describe("remember", () => {
  it("computes once per key pair, and tells undefined from absent", () => {
    const memo: Memo = new Map();
    let calls = 0;
    const compute = () => {
      calls++;
      return undefined;
    };
    assert.equal(remember(memo, "a", 1, compute), undefined);
    assert.equal(remember(memo, "a", 1, compute), undefined);
    assert.equal(calls, 1, "a remembered undefined is not recomputed");
    remember(memo, "a", 2, compute);
    remember(memo, "b", 1, compute);
    assert.equal(calls, 3);
  });

  it("keys compare as Map keys: objects by identity, 1 and '1' apart", () => {
    const memo: Memo = new Map();
    const key = {};
    assert.equal(
      remember(memo, key, 1, () => "object"),
      "object",
    );
    assert.equal(
      remember(memo, {}, 1, () => "other object"),
      "other object",
    );
    assert.equal(
      remember(memo, key, "1", () => "string one"),
      "string one",
    );
    assert.equal(
      remember(memo, key, 1, () => "never"),
      "object",
    );
  });

  it("freezes what it keeps, deeply (plain objects and arrays), so no caller can change a shared value", () => {
    const memo: Memo = new Map();
    const kept = remember(memo, "k", undefined, () => ({ list: [{ w: 1 }], map: new Map([[1, 2]]) }));
    assert.ok(Object.isFrozen(kept) && Object.isFrozen(kept.list) && Object.isFrozen(kept.list[0]));
    assert.throws(() => {
      (kept.list as { w: number }[]).push({ w: 2 });
    }, TypeError);
    assert.ok(!Object.isFrozen(kept.map), "Maps are left as they are");
  });

  it("each level holds at most 10,000 entries, then starts afresh", () => {
    const memo: Memo = new Map();
    for (let i = 0; i < 10_000; i++) remember(memo, "first", i, () => i);
    assert.equal(memo.get("first")?.size, 10_000);
    remember(memo, "first", "next", () => 0);
    assert.equal(memo.get("first")?.size, 1);
    const firsts: Memo = new Map();
    for (let i = 0; i < 10_000; i++) remember(firsts, i, 0, () => i);
    assert.equal(firsts.size, 10_000);
    remember(firsts, "another", 0, () => 0);
    assert.equal(firsts.size, 1);
  });
});
