// The form's permalinks and engine input for instance types and embodied emissions, in Node.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { indexOf } from "../../src/core/dataset-index.ts";
import { dataset, estimate } from "../../src/index.ts";
import {
  DEFAULT_STATE,
  type FormState,
  inputOf,
  readPermalink,
  stateToQuery,
  withTimeMode,
} from "./form-state.ts";

const known = { providerByKey: indexOf(dataset).providerByKey, regions: dataset.regions };
const read = (query: string) => readPermalink(query, known);
const firstRegion = (provider: string) => dataset.regions.find((r) => r.provider === provider)?.id;

describe("instance permalinks", () => {
  it("inst= names the instance type; alone it runs in its provider's first region", () => {
    const { state, problems } = read("?inst=aws:p4d.24xlarge&n=2&h=24");
    assert.deepEqual(problems, []);
    assert.equal(state.machine, "instance");
    assert.equal(state.instance, "aws:p4d.24xlarge");
    assert.equal(state.count, "2");
    assert.deepEqual([state.where, state.provider, state.region], ["cloud", "aws", firstRegion("aws")]);
  });

  it("i= holding provider:type is read as the instance type (an intensity has no colon)", () => {
    const { state } = read("?i=aws:p4d.24xlarge&h=24");
    assert.equal(state.machine, "instance");
    assert.equal(state.instance, "aws:p4d.24xlarge");
    assert.equal(state.where, "cloud");
    assert.equal(read("?i=250&w=300&h=1").state.where, "custom");
  });

  it("with a country, the instance type's provider is still the one listed", () => {
    const { state } = read("?inst=azure:Standard_ND96isr_H100_v5&c=FR&h=1");
    assert.deepEqual([state.where, state.place, state.provider], ["grid", "c:FR", "azure"]);
  });

  it("with a region of another provider, both are kept: the engine says why they cannot meet", () => {
    const { state } = read("?inst=aws:p4d.24xlarge&r=gcp:us-central1&h=1");
    assert.deepEqual(
      [state.instance, state.provider, state.region],
      ["aws:p4d.24xlarge", "gcp", "us-central1"],
    );
  });

  it("an unknown type is kept as typed, for the engine's did-you-mean under the field", () => {
    const { state, problems } = read("?inst=aws:p4d.24xlarg&h=1");
    assert.deepEqual(problems, []);
    assert.equal(state.instance, "aws:p4d.24xlarg");
  });

  it("writes inst= (not hw=) back, and reads it again to the same state", () => {
    const { state } = read("?inst=gcp:a3-highgpu-8g&n=3&h=10&emb=1");
    const query = stateToQuery(state);
    assert.match(query, /inst=gcp%3Aa3-highgpu-8g/);
    assert.doesNotMatch(query, /hw=/);
    assert.match(query, /emb=1/);
    assert.deepEqual(read(`?${query}`).state, state);
  });
});

describe("embodied permalinks", () => {
  it("emb=1 and emb=0 are read; anything else is a link problem and leaves it out", () => {
    assert.equal(read("?emb=1").state.embodied, true);
    assert.equal(read("?emb=0").state.embodied, false);
    const bad = read("?emb=yes");
    assert.equal(bad.state.embodied, false);
    assert.match(bad.problems[0] ?? "", /emb "yes" is not 1 or 0/);
    assert.doesNotMatch(stateToQuery(DEFAULT_STATE), /emb=/);
  });
});

describe("engine input of an instance job", () => {
  const job: FormState = {
    ...DEFAULT_STATE,
    machine: "instance",
    instance: "aws:p4d.24xlarge",
    count: "2",
    hours: "24",
    provider: "aws",
    region: "us-east-1",
    watts: "300",
    embodied: true,
  };

  it("names the instance, never the hardware or the hidden watts; the engine prices it as the CLI does", () => {
    const read = inputOf(job);
    assert.ok(read.ok);
    assert.deepEqual(read.input, {
      instance: "aws:p4d.24xlarge",
      count: 2,
      hours: 24,
      embodied: true,
      region: "aws:us-east-1",
    });
    const result = estimate(read.input);
    assert.equal(result.job.instance?.name, "aws:p4d.24xlarge");
    assert.deepEqual(
      result.components.map((c) => c.component),
      ["devices", "cpu", "memory"],
    );
    assert.ok(result.embodied !== undefined && result.embodied.kg > 0);
  });

  it("a CPU-only type's utilization is its CPUs'", () => {
    const cpu = { ...job, instance: "aws:c6i.large", utilization: "40" };
    const read = inputOf(cpu, true);
    assert.ok(read.ok);
    assert.equal(read.input.cpuUtilization, 0.4);
    assert.equal(read.input.utilization, undefined);
    const gpu = inputOf({ ...job, utilization: "40" });
    assert.ok(gpu.ok);
    assert.equal(gpu.input.utilization, 0.4);
  });

  it("no type chosen yet: a message, not an input", () => {
    const read = inputOf({ ...job, instance: "" });
    assert.ok(!read.ok);
    assert.match(read.messages.instance ?? "", /required/);
  });

  it("device-hours count the instances' accelerators", () => {
    const byDeviceHours = withTimeMode(job, "deviceHours", 8);
    assert.equal(byDeviceHours.deviceHours, "384");
    assert.equal(withTimeMode({ ...byDeviceHours, hours: "" }, "hours", 8).hours, "24");
  });
});
