import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PersonTotals } from "./api-schemas.ts";
import { peopleNamesOf, peopleRowsOf, personText } from "./people.ts";
import { filtersOf, filtersQuery, hrefOf } from "./route.ts";

const person = (user: string | null, origin: PersonTotals["origin"], kg: number): PersonTotals => ({
  user,
  origin,
  runs: 1,
  energyKWh: kg * 10,
  facilityEnergyKWh: kg * 11,
  emissionsKg: kg,
  lowKg: kg * 0.5,
  highKg: kg * 2,
  unrangedKg: 0,
  marketBasedKg: 0,
  marketCoveredKg: 0,
});

describe("totals by person", () => {
  it("orders people by their largest origin's emissions, unknown last, origins in a fixed order", () => {
    const rows = peopleRowsOf([
      person(null, "tracker", 50),
      person("bob", "codecarbon", 3),
      person("bob", "tracker", 1),
      person("alice", "estimate", 2),
      person("alice", "tracker", 2),
      person("carol", "tracker", 3),
      person("unknown", "tracker", 0.5),
    ]);
    // bob's largest (3, CodeCarbon) ties carol's: by name; origins are never added (alice's 4 is not).
    assert.deepEqual(
      rows.map((r) => `${personText(r.user)} ${r.origin}`),
      [
        "bob tracker",
        "bob codecarbon",
        "carol tracker",
        "alice tracker",
        "alice estimate",
        "unknown tracker",
        "unknown tracker",
      ],
    );
    assert.equal(rows.at(-1)?.user, null, "runs without a user come last, after a person named unknown");
    assert.equal(rows.at(-2)?.user, "unknown");
  });

  it("names runs without a user unknown, and lists only named people for the filter", () => {
    assert.equal(personText(null), "unknown");
    assert.equal(personText(undefined), "unknown");
    assert.equal(personText("dana"), "dana");
    assert.deepEqual(
      peopleNamesOf([
        person("bob", "tracker", 1),
        person(null, "tracker", 1),
        person("alice", "estimate", 1),
        person("bob", "estimate", 1),
      ]),
      ["alice", "bob"],
    );
  });

  it("keeps the person filter in the address", () => {
    assert.deepEqual(filtersOf("user=alice&by=week"), { user: "alice", by: "week" });
    assert.deepEqual(filtersOf("user=%20"), {});
    assert.equal(
      filtersQuery({ by: "week", user: "a&b", origin: "tracker" }),
      "origin=tracker&user=a%26b&by=week",
    );
    assert.equal(hrefOf({ kind: "project", project: "p", filters: { user: "alice" } }), "#/p/p?user=alice");
  });
});
