import assert from "node:assert/strict";
import { test } from "node:test";
import { yearly2021, yearly2025 } from "@tgwf/co2/data/electricity-maps";
import type { SourcedValue } from "../types.ts";
import { providers, regionSources, regions } from "./index.ts";

const sourceIds = new Set(regionSources.map((s) => s.id));

function sourcedValues(): { where: string; kind: "pue" | "share" | "intensity"; v: SourcedValue }[] {
  const out: { where: string; kind: "pue" | "share" | "intensity"; v: SourcedValue }[] = [];
  for (const p of providers) {
    if (p.pue) out.push({ where: `provider ${p.id} pue`, kind: "pue", v: p.pue });
    if (p.renewableMatch)
      out.push({ where: `provider ${p.id} renewableMatch`, kind: "share", v: p.renewableMatch });
  }
  for (const r of regions) {
    const key = `${r.provider}:${r.id}`;
    if (r.pue) out.push({ where: `${key} pue`, kind: "pue", v: r.pue });
    if (r.renewableMatch) out.push({ where: `${key} renewableMatch`, kind: "share", v: r.renewableMatch });
    if (r.carbonFreeEnergy)
      out.push({ where: `${key} carbonFreeEnergy`, kind: "share", v: r.carbonFreeEnergy });
    if (r.providerIntensityGPerKWh)
      out.push({
        where: `${key} providerIntensityGPerKWh`,
        kind: "intensity",
        v: r.providerIntensityGPerKWh,
      });
  }
  return out;
}

test("provider:id pairs are unique", () => {
  const seen = new Set<string>();
  for (const r of regions) {
    const key = `${r.provider}:${r.id.toLowerCase()}`;
    assert.ok(!seen.has(key), `duplicate region ${key}`);
    seen.add(key);
  }
});

test("every region belongs to a known provider and has the required fields", () => {
  const ids = new Set(providers.map((p) => p.id));
  for (const r of regions) {
    const key = `${r.provider}:${r.id}`;
    assert.ok(ids.has(r.provider), `${key}: unknown provider`);
    assert.ok(r.id.length > 0 && r.name.length > 0 && r.location.length > 0, `${key}: empty field`);
    assert.match(r.country, /^[A-Z]{2}$/, `${key}: country must be ISO alpha-2`);
  }
});

test("provider ids and aliases are unique and lower case", () => {
  const names = new Set<string>();
  for (const p of providers) {
    for (const n of [p.id, ...p.aliases]) {
      assert.equal(n, n.toLowerCase(), `${n} must be lower case`);
      assert.ok(!names.has(n), `alias ${n} used twice`);
      names.add(n);
    }
  }
});

test("source ids are unique and every cited source exists", () => {
  assert.equal(sourceIds.size, regionSources.length, "duplicate source id");
  for (const s of regionSources) {
    assert.match(s.retrieved, /^\d{4}-\d{2}-\d{2}$/, `${s.id}: retrieved must be YYYY-MM-DD`);
    assert.match(s.url, /^https:\/\//, `${s.id}: url`);
  }
  for (const r of regions)
    assert.ok(sourceIds.has(r.source), `${r.provider}:${r.id} cites unknown ${r.source}`);
  for (const { where, v } of sourcedValues())
    assert.ok(sourceIds.has(v.source), `${where} cites unknown ${v.source}`);
});

test("every gridZone is an Electricity Maps key in the 2025 and 2021 data", () => {
  for (const r of regions) {
    const key = `${r.provider}:${r.id}`;
    assert.ok(r.gridZone in yearly2025.data, `${key}: ${r.gridZone} missing from yearly2025`);
    assert.ok(r.gridZone in yearly2021.data, `${key}: ${r.gridZone} missing from yearly2021`);
  }
});

test("grid zones agree with the region's country", () => {
  // Electricity Maps zone keys start with the ISO code of their country.
  for (const r of regions) assert.equal(r.gridZone.slice(0, 2), r.country, `${r.provider}:${r.id}`);
});

test("every GCP region has Google's grid intensity and CFE share", () => {
  for (const r of regions.filter((x) => x.provider === "gcp")) {
    assert.ok(r.providerIntensityGPerKWh, `gcp:${r.id} lacks providerIntensityGPerKWh`);
    assert.ok(r.carbonFreeEnergy, `gcp:${r.id} lacks carbonFreeEnergy`);
  }
});

test("values are in range and years plausible", () => {
  for (const { where, kind, v } of sourcedValues()) {
    assert.ok(Number.isFinite(v.value), where);
    assert.ok(v.year >= 2015 && v.year <= 2026, `${where}: year ${v.year}`);
    if (kind === "pue") assert.ok(v.value >= 1 && v.value <= 2, `${where}: PUE ${v.value}`);
    if (kind === "share") assert.ok(v.value >= 0 && v.value <= 1, `${where}: share ${v.value}`);
    if (kind === "intensity") assert.ok(v.value > 0 && v.value < 1500, `${where}: ${v.value} g/kWh`);
  }
});

test("region counts", () => {
  const count = (p: string) => regions.filter((r) => r.provider === p).length;
  assert.ok(count("aws") >= 30, `aws ${count("aws")}`);
  assert.ok(count("gcp") >= 38, `gcp ${count("gcp")}`);
  assert.ok(count("azure") >= 50, `azure ${count("azure")}`);
  for (const p of ["coreweave", "ovhcloud", "scaleway", "seeweb"]) assert.ok(count(p) >= 1, p);
});

test("every region of the 2019 calculator is still present", () => {
  const legacy: Record<string, string[]> = {
    gcp: [
      "asia-east1",
      "asia-east2",
      "asia-northeast1",
      "asia-northeast2",
      "asia-south1",
      "asia-southeast1",
      "australia-southeast1",
      "europe-north1",
      "europe-west1",
      "europe-west2",
      "europe-west3",
      "europe-west4",
      "europe-west6",
      "northamerica-northeast1",
      "southamerica-east1",
      "us-central1",
      "us-east1",
      "us-east4",
      "us-west1",
      "us-west2",
      "us-west3",
    ],
    aws: [
      "us-east-2",
      "us-east-1",
      "us-west-1",
      "us-west-2",
      "ap-east-1",
      "ap-south-1",
      "ap-northeast-3",
      "ap-northeast-2",
      "ap-southeast-1",
      "ap-southeast-2",
      "ap-northeast-1",
      "ca-central-1",
      "cn-north-1",
      "cn-northwest-1",
      "eu-central-1",
      "eu-west-1",
      "eu-west-2",
      "eu-west-3",
      "eu-north-1",
      "sa-east-1",
      "us-gov-east-1",
      "us-gov-west-1",
    ],
    azure: [
      "eastasia",
      "southeastasia",
      "centralus",
      "eastus",
      "eastus2",
      "westus",
      "northcentralus",
      "southcentralus",
      "northeurope",
      "westeurope",
      "japanwest",
      "japaneast",
      "brazilsouth",
      "australiaeast",
      "australiasoutheast",
      "southindia",
      "centralindia",
      "westindia",
      "canadacentral",
      "canadaeast",
      "uksouth",
      "ukwest",
      "westcentralus",
      "westus2",
      "koreacentral",
      "koreasouth",
      "francecentral",
      "francesouth",
      "australiacentral",
      "australiacentral2",
      "southafricanorth",
      "southafricawest",
    ],
    ovhcloud: ["gra", "bhs"],
    scaleway: ["fr-par"],
    coreweave: ["LGA1", "ORD1", "LAS1"],
    seeweb: ["fro2"],
  };
  for (const [provider, ids] of Object.entries(legacy)) {
    for (const id of ids) {
      assert.ok(
        regions.some((r) => r.provider === provider && r.id === id),
        `${provider}:${id} from the 2019 calculator is missing`,
      );
    }
  }
});
