// The checked-job and job-power stages alone, over the fixture dataset.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Problem } from "../errors.ts";
import { fixtureDataset as data } from "../fixture-dataset.ts";
import type { EstimateInput } from "../types.ts";
import { checkedJobOf, deviceCountOf } from "./checked-job.ts";
import { instanceJobOf } from "./instance.ts";
import { heldHardwareOf, jobPowerOf } from "./job-power.ts";

const check = (input: EstimateInput) => {
  const problems: Problem[] = [];
  return { job: checkedJobOf(data, input, problems), problems };
};
const instance = (name: string, count: number) => {
  const job = instanceJobOf(data, { instance: name, count }, []);
  assert.ok(job !== null);
  return job;
};

describe("deviceCountOf", () => {
  it("counts instances' accelerators, an accelerator-less instance once, CPUs, else count", () => {
    assert.equal(deviceCountOf({}, instance("gcp:tg-8x400", 3), false), 24); // 3 × 8
    assert.equal(deviceCountOf({}, instance("gcp:tg-curve-8", 2), true), 2); // 2 × max(1, 0)
    assert.equal(deviceCountOf({ cpuCount: 4, count: 9 }, null, true), 4);
    assert.equal(deviceCountOf({ count: 8 }, null, false), 8);
    assert.equal(deviceCountOf({}, null, false), 1);
  });
});

describe("checkedJobOf", () => {
  it("gives the job with its duration and location when every input checks out", () => {
    const { job, problems } = check({ hardware: "TG400", count: 8, hours: 10, region: "gcp:dirty-1" });
    assert.deepEqual(problems, []);
    assert.equal(job?.entry?.id, "gpu-400");
    assert.deepEqual(
      [
        job?.cpuOnly,
        job?.instance,
        job?.duration.count,
        job?.duration.deviceHours,
        job?.where.intensityGPerKWh,
      ],
      [false, null, 8, 80, 500], // 8 × 10 h; the region's grid in its latest year (2023)
    );
  });
  it("counts an instance type's accelerators as the devices", () => {
    const { job } = check({ instance: "gcp:tg-8x400", count: 3, hours: 2, region: "gcp:dirty-1" });
    assert.deepEqual([job?.entry?.id, job?.duration.count, job?.duration.deviceHours], ["gpu-400", 24, 48]);
  });
  it("reports the problems of every stage, and no job", () => {
    const { job, problems } = check({ hardware: "TG400", hours: -1, region: "nowhere:x" });
    assert.equal(job, null);
    assert.deepEqual(
      problems.map((p) => p.path),
      ["hours", "region"],
    );
  });
  it("reports a bad year once, though both the numbers and the location stage see it", () => {
    const { problems } = check({ hardware: "TG400", hours: 1, region: "gcp:dirty-1", year: 2023.5 });
    assert.deepEqual(
      problems.map((p) => p.path),
      ["year"],
    );
  });
});

describe("jobPowerOf and heldHardwareOf", () => {
  it("bands devices then memory; an instance holds its memory times its count", () => {
    const { job } = check({ instance: "gcp:tg-8x400", count: 3, hours: 2, region: "gcp:dirty-1" });
    assert.ok(job !== null);
    const power = jobPowerOf(data, {}, job);
    assert.equal(power.memoryGB, 1536); // 3 × 512 GB
    assert.deepEqual(power.bands[0]?.component, "devices");
    assert.deepEqual(power.bands.at(-1)?.component, "memory");
    const held = heldHardwareOf(job, power);
    assert.deepEqual([held.count, held.cpuDevices, held.memoryGB], [24, null, 1536]);
  });
  it("a catalog CPU named as the hardware is held as that many CPU packages", () => {
    const { job } = check({ hardware: "Test CPU 200", count: 2, hours: 1, region: "gcp:dirty-1" });
    assert.ok(job !== null);
    const held = heldHardwareOf(job, jobPowerOf(data, {}, job));
    assert.deepEqual(
      [held.cpuDevices?.packages, held.cpuDevices?.label, held.hostCpu],
      [2, "2 × Test CPU 200", false],
    );
  });
});
