import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { FIXTURES } from "../fixtures/test-helpers.ts";
import { parseCfsQuota, parseCpuinfo, parseCpuMax } from "./host.ts";

const cpuinfo = (name: string) => parseCpuinfo(readFileSync(join(FIXTURES, "cpuinfo", name), "utf8"));

test("sockets are the distinct physical ids: a two-socket host has 2, a VM and a single socket 1", () => {
  assert.deepEqual(cpuinfo("dual-xeon-e5-2620v3"), {
    model: "Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz",
    packages: 2,
    logical: 24,
    virtualized: false,
  });
  assert.deepEqual(cpuinfo("xeon-e3-1240v2"), {
    model: "Intel(R) Xeon(R) CPU E3-1240 V2 @ 3.40GHz",
    packages: 1,
    logical: 8,
    virtualized: false,
  });
  assert.deepEqual(cpuinfo("gcp-epyc-7b13-2vcpu"), {
    model: "AMD EPYC 7B13",
    packages: 1,
    logical: 2,
    virtualized: true,
  });
  assert.deepEqual(cpuinfo("vm-amd-epyc-2vcpu"), {
    model: "AMD EPYC",
    packages: 1,
    logical: 2,
    virtualized: true,
  });
});

test("cpuinfo without model name or physical id (some ARM kernels): one package, no model", () => {
  assert.deepEqual(
    parseCpuinfo("processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd\n\nprocessor\t: 1\n"),
    {
      model: "",
      packages: 1,
      logical: 2,
      virtualized: false,
    },
  );
});

test("cgroup quotas", () => {
  assert.equal(parseCpuMax("max 100000\n"), null);
  assert.equal(parseCpuMax("150000 100000\n"), 1.5);
  assert.equal(parseCfsQuota("-1\n", "100000\n"), null);
  assert.equal(parseCfsQuota("50000\n", "100000\n"), 0.5);
});
