// The page's compact grid tables must carry exactly the numbers and names src/data/grid.ts reads, and
// the first table (only the cloud regions' zones) must price every cloud region as the whole grid does.
import assert from "node:assert/strict";
import { it } from "node:test";
import { averageIntensity } from "@tgwf/co2/data";
import { yearly2021, yearly2022, yearly2023, yearly2024, yearly2025 } from "@tgwf/co2/data/electricity-maps";
import { tryEstimateWith } from "../src/core/estimate.ts";
import { datasetWithGrid } from "../src/data/assemble.ts";
import { gridDataFrom, type ZoneYearTable } from "../src/data/grid-from-tables.ts";
import { dataset } from "../src/data/index.ts";
import { compactGridModule, regionZoneIds } from "./build/compact-grid.ts";

const load = async (source: string) =>
  (await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`)) as Record<
    string,
    ZoneYearTable
  >;

it("keeps every zone, name and intensity of the Electricity Maps tables, in order", async () => {
  const source = compactGridModule();
  const compact = await load(source);
  const tables = { yearly2021, yearly2022, yearly2023, yearly2024, yearly2025 };
  for (const [name, table] of Object.entries(tables)) {
    const original = Object.entries(table.data);
    const packed = Object.entries((compact[name] as ZoneYearTable).data);
    assert.deepEqual(
      packed.map(([id, r]) => [id, r.carbonIntensity?.value]),
      original.map(([id, r]) => [
        id,
        typeof r.carbonIntensity?.value === "number" ? r.carbonIntensity.value : undefined,
      ]),
      name,
    );
  }
  assert.ok(source.length < 60_000, `compact table is ${source.length} bytes`);
});

it("prices every cloud region with the regions' zones alone exactly as with the whole grid", async () => {
  const zones = regionZoneIds();
  const source = compactGridModule((id) => zones.has(id.toUpperCase()));
  const tables = await load(source);
  const years = [2021, 2022, 2023, 2024, 2025] as const;
  const first = datasetWithGrid(
    gridDataFrom(
      years.map((y) => [y, tables[`yearly${y}`] as ZoneYearTable] as const),
      averageIntensity.data,
    ),
  );
  assert.ok(first.grid.zones.size < dataset.grid.zones.size / 4, `${first.grid.zones.size} zones`);
  assert.ok(source.length < 10_000, `first table is ${source.length} bytes`);
  for (const region of dataset.regions) {
    for (const year of [undefined, 2022]) {
      const input = {
        hardware: "nvidia-a100-sxm4-80gb",
        count: 8,
        hours: 100,
        region: `${region.provider}:${region.id}`,
        ...(year === undefined ? {} : { year }),
      };
      assert.deepEqual(tryEstimateWith(first, input), tryEstimateWith(dataset, input), input.region);
    }
  }
});
