import assert from "node:assert/strict";
import { test } from "node:test";
import { dataset } from "../data/index.ts";
import { instanceNameOf } from "./find-instance.ts";
import { fixtureDataset } from "./fixture-dataset.ts";
import { searchInstances } from "./instance-search.ts";

const names = (query: string, provider?: string) =>
  searchInstances(dataset, query, provider).map(instanceNameOf);

test("every word must name the type, its CPU family or its accelerator; order is the catalog's", () => {
  assert.deepEqual(names("a100 80", "aws"), ["aws:p4de.24xlarge"]);
  assert.deepEqual(names("P4D", "aws"), ["aws:p4d.24xlarge", "aws:p4de.24xlarge"]);
  assert.deepEqual(names("a3 high gpu 8g", "gcp"), ["gcp:a3-highgpu-8g"]);
  assert.ok(names("milan", "aws").includes("aws:p5.48xlarge"));
  assert.ok(names("c6i").every((n) => n.startsWith("aws:c6i.")));
});

test("a provider narrows the types; without one every provider's are searched", () => {
  const h100 = names("h100");
  for (const provider of ["aws", "gcp", "azure"])
    assert.ok(
      h100.some((n) => n.startsWith(`${provider}:`)),
      `${provider} has H100 types: ${h100.join(", ")}`,
    );
  assert.ok(names("h100", "azure").every((n) => n.startsWith("azure:")));
  assert.equal(
    searchInstances(dataset, "", "gcp").length,
    dataset.instances.filter((i) => i.provider === "gcp").length,
  );
});

test("nothing matches: an empty list", () => {
  assert.deepEqual(names("zzz-no-such"), []);
  assert.deepEqual(
    searchInstances(fixtureDataset, "curve").map((i) => i.id),
    ["tg-curve-8", "tg-curve-32"],
  );
});
