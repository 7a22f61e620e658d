// Switching to instance types and between providers keeps the job where the catalog allows, in Node.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dataset } from "../../src/index.ts";
import { DEFAULT_STATE, type FormState } from "./form-state.ts";
import { withDefaultInstance, withInstanceProvider, withMachine } from "./instance-switch.ts";

const acceleratorsOf = (name: string) =>
  dataset.instances.find((i) => `${i.provider}:${i.id}` === name)?.accelerators;

describe("switching to instance types", () => {
  it("8 × A100 80GB on Google Cloud becomes 1 × the type with 8 of them", () => {
    const state = withMachine(dataset, DEFAULT_STATE, "instance");
    assert.equal(state.machine, "instance");
    assert.deepEqual(acceleratorsOf(state.instance), { hardware: DEFAULT_STATE.hardware, count: 8 });
    assert.ok(state.instance.startsWith("gcp:"));
    assert.equal(state.count, "1");
  });

  it("16 H100s on AWS: 2 instances of 8", () => {
    const state = withMachine(
      dataset,
      { ...DEFAULT_STATE, hardware: "nvidia-h100-sxm", count: "16", provider: "aws", region: "us-east-1" },
      "instance",
    );
    assert.deepEqual(acceleratorsOf(state.instance), { hardware: "nvidia-h100-sxm", count: 8 });
    assert.equal(state.count, "2");
  });

  it("hardware no type of the provider holds: its first type with accelerators, the count kept", () => {
    const state = withMachine(dataset, { ...DEFAULT_STATE, hardware: "apple-m2", count: "3" }, "instance");
    assert.ok(state.instance.startsWith("gcp:"));
    assert.ok(acceleratorsOf(state.instance) !== undefined);
    assert.equal(state.count, "3");
  });

  it("before the types have loaded it names none, and gets one when they have", () => {
    const empty = { ...dataset, instances: [] };
    const waiting = withMachine(empty, DEFAULT_STATE, "instance");
    assert.equal(waiting.instance, "");
    assert.equal(withDefaultInstance(empty, waiting), waiting);
    assert.equal(
      withDefaultInstance(dataset, waiting).instance,
      withMachine(dataset, DEFAULT_STATE, "instance").instance,
    );
  });

  it("and back: the type's accelerators become the hardware, its instances × accelerators the devices", () => {
    const instance: FormState = {
      ...DEFAULT_STATE,
      machine: "instance",
      instance: "aws:p5.48xlarge",
      count: "3",
    };
    const back = withMachine(dataset, instance, "hardware");
    assert.equal(back.machine, "hardware");
    assert.equal(back.hardware, acceleratorsOf("aws:p5.48xlarge")?.hardware);
    assert.equal(back.count, "24");
    const cpu = withMachine(dataset, { ...instance, instance: "aws:c6i.large" }, "hardware");
    assert.deepEqual([cpu.hardware, cpu.count], [DEFAULT_STATE.hardware, "3"]);
  });
});

describe("changing provider in instance mode", () => {
  const on = (instance: string, provider: string): FormState => {
    const before: FormState = {
      ...DEFAULT_STATE,
      machine: "instance",
      instance,
      provider: instance.split(":")[0] ?? "",
    };
    return withInstanceProvider(dataset, before, { ...before, provider });
  };

  it("picks the new provider's type with the same accelerators and count", () => {
    const moved = on("aws:p5.48xlarge", "azure");
    assert.ok(moved.instance.startsWith("azure:"));
    assert.deepEqual(acceleratorsOf(moved.instance), acceleratorsOf("aws:p5.48xlarge"));
  });

  it("a CPU-only type moves to a CPU-only type", () => {
    const moved = on("aws:c6i.large", "gcp");
    assert.ok(moved.instance.startsWith("gcp:"));
    assert.equal(acceleratorsOf(moved.instance), undefined);
  });

  it("a provider without instance types keeps the type (the engine then says it cannot run there)", () => {
    assert.equal(on("aws:p5.48xlarge", "scaleway").instance, "aws:p5.48xlarge");
  });

  it("outside instance mode nothing changes", () => {
    const before = { ...DEFAULT_STATE, instance: "aws:p5.48xlarge" };
    const next = { ...before, provider: "azure" };
    assert.equal(withInstanceProvider(dataset, before, next), next);
  });
});
