// The bundled grid comes from a compact table generated from @tgwf/co2's yearly tables: it must give the
// grid those tables give, zone for zone, and behave as a read-only Map.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { averageIntensity } from "@tgwf/co2/data";
import { yearly2021, yearly2022, yearly2023, yearly2024, yearly2025 } from "@tgwf/co2/data/electricity-maps";
import { buildGridData } from "./grid.ts";
import { gridDataFrom } from "./grid-from-tables.ts";
import { ZoneTable } from "./zone-table.ts";

const fromPackage = () =>
  gridDataFrom(
    [
      [2021, yearly2021],
      [2022, yearly2022],
      [2023, yearly2023],
      [2024, yearly2024],
      [2025, yearly2025],
    ],
    averageIntensity.data,
  );

describe("bundled grid", () => {
  it("holds every zone of @tgwf/co2's tables with the same id, name, country, values and sources, in order", () => {
    const expected = fromPackage();
    const grid = buildGridData();
    assert.equal(grid.zones.size, expected.zones.size);
    assert.deepEqual([...grid.zones.keys()], [...expected.zones.keys()]);
    assert.deepEqual(new Map(grid.zones), expected.zones);
    const { zones: _a, ...rest } = grid;
    const { zones: _b, ...expectedRest } = expected;
    assert.deepEqual(rest, expectedRest);
  });

  it("answers lookups as the package's tables do", () => {
    const expected = fromPackage();
    const grid = buildGridData();
    for (const key of ["FR", "US-CAL-CISO", "DE", "SE-SE3", "IN-WE"]) {
      assert.deepEqual(grid.zones.get(key), expected.zones.get(key), key);
    }
    assert.equal(grid.zones.get("fr"), undefined, "keys are upper case");
    assert.equal(grid.zones.has("NOWHERE"), false);
  });
});

describe("ZoneTable", () => {
  const table =
    "\nFR\tFrance\tFR\t\t56\nUS-CAL-CISO\tCalifornia ISO\tUS\t250\t240\nAUS-NSW\tNew South Wales\t\t700\t\n";
  const make = () => new ZoneTable(table, [2024, 2025], ["s-2024", "s-2025"]);

  it("builds a zone from its line: values and sources by year, no country when the column is empty", () => {
    const zones = make();
    assert.deepEqual(zones.get("FR"), {
      id: "FR",
      name: "France",
      country: "FR",
      intensityGPerKWhByYear: new Map([[2025, 56]]),
      sourceByYear: new Map([[2025, "s-2025"]]),
    });
    const nsw = zones.get("AUS-NSW");
    assert.equal(nsw?.country, undefined);
    assert.equal("country" in (nsw ?? {}), false);
    assert.deepEqual(nsw?.intensityGPerKWhByYear, new Map([[2024, 700]]));
  });

  it("is a read-only Map: size, has, keys in order, the same zone object from get and iteration", () => {
    const zones = make();
    assert.equal(zones.size, 3);
    assert.equal(zones.has("US-CAL-CISO"), true);
    assert.equal(zones.has("us-cal-ciso"), false);
    assert.deepEqual([...zones.keys()], ["FR", "US-CAL-CISO", "AUS-NSW"]);
    const fr = zones.get("FR");
    assert.equal([...zones.values()][0], fr);
    assert.deepEqual(
      [...zones].map(([key, zone]) => [key, zone.name]),
      [
        ["FR", "France"],
        ["US-CAL-CISO", "California ISO"],
        ["AUS-NSW", "New South Wales"],
      ],
    );
    assert.deepEqual(
      [...zones.entries()].map(([key]) => key),
      ["FR", "US-CAL-CISO", "AUS-NSW"],
    );
    const seen: string[] = [];
    const context = { tag: "this" };
    zones.forEach(function (this: unknown, zone, key, map) {
      assert.equal(this, context);
      assert.equal(map, zones);
      seen.push(`${key}=${zone.id}`);
    }, context);
    assert.deepEqual(seen, ["FR=FR", "US-CAL-CISO=US-CAL-CISO", "AUS-NSW=AUS-NSW"]);
  });
});
