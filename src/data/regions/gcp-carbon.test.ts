import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { gcpRegions } from "./gcp.ts";
import { googleRegionCarbon } from "./gcp-carbon.generated.ts";

test("every Google Cloud region carries Google's 2025 CFE and grid intensity from the generated table", () => {
  const byId = new Map(googleRegionCarbon.map(([id, cfe, intensity]) => [id, { cfe, intensity }]));
  for (const region of gcpRegions) {
    const row = byId.get(region.id);
    assert.ok(row, `${region.id} is not in Google's table`);
    assert.equal(region.carbonFreeEnergy?.value, row.cfe, region.id);
    assert.equal(region.providerIntensityGPerKWh?.value, row.intensity, region.id);
    assert.equal(region.providerIntensityGPerKWh?.source, "google-region-carbon-2025");
  }
  const named = new Set(gcpRegions.map((r) => r.id));
  // europe-west5 is listed with location "N/A": no such region is open.
  assert.deepEqual(
    googleRegionCarbon.map(([id]) => id).filter((id) => !named.has(id)),
    ["europe-west5"],
  );
  assert.equal(gcpRegions.find((r) => r.id === "europe-west9")?.providerIntensityGPerKWh?.value, 15.83);
});

test("@tgwf/co2 is the 0.19.0 that the grid sources name", () => {
  const manifest = new URL("../../../node_modules/@tgwf/co2/package.json", import.meta.url);
  const { version } = JSON.parse(readFileSync(manifest, "utf8"));
  assert.equal(version, "0.19.0");
});
