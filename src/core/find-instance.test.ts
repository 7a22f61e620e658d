import assert from "node:assert/strict";
import { test } from "node:test";
import { findInstance } from "./find-instance.ts";
import { fixtureDataset } from "./fixture-dataset.ts";

test("finds provider:type, the type in any case and the provider by alias", () => {
  for (const query of ["gcp:tg-8x400", "GCP:TG-8X400", "google:tg-8x400", " gcp : tg-8x400 "]) {
    const found = findInstance(fixtureDataset, query);
    assert.ok(found.ok, query);
    assert.equal(found.value.accelerators?.count, 8);
    assert.equal(found.value.vcpus, 64);
  }
});

test("an unknown type says so with the closest types of that provider, in the one problem shape", () => {
  assert.deepEqual(findInstance(fixtureDataset, "gcp:tg-8x40"), {
    ok: false,
    problems: [
      {
        code: "unknown-instance",
        path: "instance",
        message:
          'unknown Google Cloud instance type "tg-8x40"; did you mean "gcp:tg-8x400"? (list them with mlco2 instances)',
        suggestions: ["gcp:tg-8x400"],
      },
    ],
  });
});

test("a type without its provider is refused, with the provider-qualified name suggested", () => {
  const r = findInstance(fixtureDataset, "tg-8x400", "column");
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.problems[0].code, "unknown-instance");
  assert.equal(r.problems[0].path, "column");
  assert.deepEqual(r.problems[0].suggestions?.[0], "gcp:tg-8x400");
  assert.match(r.problems[0].message, /^"tg-8x400" is not provider:type; did you mean "gcp:tg-8x400"/);
});

test("an unknown provider is named, with the providers that have instance types", () => {
  const r = findInstance(fixtureDataset, "nimbus:tg-8x400");
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.problems[0].code, "unknown-provider");
  assert.equal(
    r.problems[0].message,
    'unknown provider "nimbus" in "nimbus:tg-8x400"; instance types are known for gcp',
  );
});
