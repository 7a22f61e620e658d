import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { expandNodeList } from "./node-list.ts";
import { stateOf } from "./slurm-states.ts";
import { requestedMemory, slurmMiB, slurmSeconds } from "./slurm-values.ts";
import { tresOf } from "./tres.ts";

describe("sacct values", () => {
  it("durations in every form sacct prints", () => {
    assert.equal(slurmSeconds("02:00:00"), 7200);
    assert.equal(slurmSeconds("1-00:00:00"), 86_400);
    assert.equal(slurmSeconds("4-00:16:00"), 4 * 86_400 + 960);
    assert.equal(slurmSeconds("00:05.123"), 5.123);
    assert.equal(slurmSeconds("01:20.500"), 80.5);
    assert.equal(slurmSeconds("100:00:00"), 360_000);
    for (const bad of ["", "INVALID", "1-2", "00:61:00", "1-25:00:00", "a:b:c", "12", "-01:00:00"])
      assert.ok(Number.isNaN(slurmSeconds(bad)), bad);
  });

  it("memory sizes in binary units, ReqMem per node, per CPU or for the job", () => {
    assert.equal(slurmMiB("64G"), 65_536);
    assert.equal(slurmMiB("1T"), 1_048_576);
    assert.equal(slurmMiB("5234567K"), 5234567 / 1024);
    assert.equal(slurmMiB("4000"), 4000);
    assert.equal(slurmMiB("4096", "K"), 4);
    assert.ok(Number.isNaN(slurmMiB("lots")));
    assert.deepEqual(requestedMemory("250Gn"), { mib: 256_000, per: "node" });
    assert.deepEqual(requestedMemory("6760Mc"), { mib: 6760, per: "cpu" });
    assert.deepEqual(requestedMemory("16G"), { mib: 16_384, per: "job" });
    assert.equal(requestedMemory("many"), null);
  });

  it("states: long names, short codes, 'CANCELLED by UID', unknown ones refused", () => {
    assert.deepEqual(stateOf("CANCELLED by 11111"), { name: "CANCELLED", kind: "ended" });
    assert.deepEqual(stateOf("CD"), { name: "CD", kind: "ended" });
    assert.deepEqual(stateOf("TIMEOUT"), { name: "TIMEOUT", kind: "ended" });
    assert.deepEqual(stateOf("RUNNING"), { name: "RUNNING", kind: "active" });
    assert.deepEqual(stateOf("PENDING"), { name: "PENDING", kind: "pending" });
    assert.deepEqual(stateOf("COMPLETED+"), { name: "COMPLETED", kind: "ended" });
    assert.equal(stateOf("DONE"), null);
  });

  it("AllocTRES: typed and untyped GPUs counted once, energy, memory; unknown and malformed entries", () => {
    assert.deepEqual(tresOf("billing=32,cpu=32,gres/gpu:a100=4,gres/gpu=4,mem=256G,node=1"), {
      gpus: 4,
      gpuTypes: ["a100"],
      cpus: 32,
      memMiB: 262_144,
      nodes: 1,
    });
    assert.deepEqual(tresOf("cpu=8,gres/gpu:v100=2,gres/gpu:v100s=1"), {
      gpus: 3,
      gpuTypes: ["v100", "v100s"],
      cpus: 8,
    });
    assert.equal(
      (tresOf("cpu=128,energy=3600000,mem=250G,node=1") as { energyJ: number }).energyJ,
      3_600_000,
    );
    assert.deepEqual(tresOf(""), { gpus: 0, gpuTypes: [] });
    assert.deepEqual(tresOf("cpu=4,license/matlab=1,fs/disk=10,gres/gpumem=40G"), {
      gpus: 0,
      gpuTypes: [],
      cpus: 4,
    });
    assert.deepEqual(tresOf("cpu=4,gres/fpga=1"), { unknown: "gres/fpga" });
    assert.deepEqual(tresOf("cpu=4,gpu"), { malformed: "gpu" });
    assert.deepEqual(tresOf("cpu=four"), { malformed: "cpu=four" });
  });

  it("compressed node lists", () => {
    assert.deepEqual(expandNodeList("gpu[001-004]"), ["gpu001", "gpu002", "gpu003", "gpu004"]);
    assert.deepEqual(expandNodeList("node[1-2,7],login01"), ["node1", "node2", "node7", "login01"]);
    assert.deepEqual(expandNodeList("r[1-2]n[1-2]"), ["r1n1", "r1n2", "r2n1", "r2n2"]);
    assert.equal(expandNodeList("gpu[4-1]"), null);
    assert.equal(expandNodeList("gpu[1-100000]", 1000), null);
    assert.equal(expandNodeList("gpu[1-"), null);
  });
});
