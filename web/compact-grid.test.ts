// The page's compact grid table must carry exactly the numbers and names src/data/grid.ts reads.
import assert from "node:assert/strict";
import { it } from "node:test";
import { yearly2021, yearly2022, yearly2023, yearly2024, yearly2025 } from "@tgwf/co2/data/electricity-maps";
import { compactGridModule } from "./build/compact-grid.ts";

it("keeps every zone, name and intensity of the Electricity Maps tables, in order", async () => {
  const source = compactGridModule();
  const compact = await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`);
  const tables = { yearly2021, yearly2022, yearly2023, yearly2024, yearly2025 };
  for (const [name, table] of Object.entries(tables)) {
    const original = Object.entries(table.data);
    const packed = Object.entries(compact[name].data as typeof table.data);
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
