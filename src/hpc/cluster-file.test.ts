import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dataset } from "../data/index.ts";
import { clusterFromTable, readCluster } from "./cluster-file.ts";
import { CLUSTER_TEMPLATE } from "./cluster-template.ts";

const problemsOf = (text: string) => {
  const read = readCluster(dataset, text, "c.toml");
  assert.equal(read.ok, false);
  return read.ok ? [] : read.problems.map((p) => [p.line, p.code, p.path, p.message] as const);
};

describe("cluster files", () => {
  it("the template mlco2 hpc init writes reads back", () => {
    const read = readCluster(dataset, CLUSTER_TEMPLATE, "cluster.toml");
    assert.ok(read.ok);
    const gpu = read.cluster.partitions.get("gpu");
    assert.equal(gpu?.cpusPerNode, 128);
    assert.equal(gpu?.cpuTdpW, 280);
    assert.equal(gpu?.location.country, "DE");
    assert.equal(gpu?.pue, 1.3);
  });

  it("CPUs per node default to sockets × the catalog CPU's cores, and say so", () => {
    const read = readCluster(
      dataset,
      '[partitions.a]\ncpu = "AMD EPYC 7763"\nsockets = 2\ncountry = "FR"\n',
      "c",
    );
    assert.ok(read.ok);
    assert.equal(read.cluster.partitions.get("a")?.cpusPerNode, 128);
    assert.equal(read.cluster.partitions.get("a")?.cpusPerNodeGiven, false);
  });

  it("errors carry the line of their key: typo with did-you-mean, unknown GPU, missing CPU, TDP without CPUs per node", () => {
    const text = [
      "[cluster]", // 1
      'country = "DE"', // 2
      "[partitions.gpu]", // 3
      'gpu = "A100 SXM9"', // 4
      'cpu = "AMD EPYC 7763"', // 5
      "gpus_per_nod = 4", // 6
    ].join("\n");
    const [typo] = problemsOf(text);
    assert.equal(typo?.[0], 6);
    assert.match(typo?.[3] ?? "", /did you mean gpus_per_node/);
    const names = problemsOf(
      '[cluster]\ncountry = "DE"\n[partitions.gpu]\ngpu = "A100 SXM9"\n[partitions.cpu]\ncpu = 250\n',
    );
    assert.deepEqual(
      names.map((p) => [p[0], p[1], p[2]]),
      [
        [4, "unknown-hardware", "partitions.gpu.gpu"],
        [3, "required", "partitions.gpu.cpu"],
        [5, "required", "partitions.cpu.cpus_per_node"],
      ],
    );
  });

  it("not TOML: its line; an unknown country: the engine's problem at its key", () => {
    assert.deepEqual(
      problemsOf('[partitions.a]\ncpu = "x\n').map((p) => [p[0], p[1]]),
      [[2, "not-toml"]],
    );
    const [country] = problemsOf('[partitions.a]\ncpu = "AMD EPYC 7763"\ncountry = "Atlantis"\n');
    assert.deepEqual(
      [country?.[0], country?.[1], country?.[2]],
      [3, "unknown-country", "partitions.a.country"],
    );
  });

  it("node patterns: host lists and globs; a bad pattern is reported", () => {
    const read = readCluster(
      dataset,
      '[cluster]\ncountry = "DE"\n[[nodes]]\nmatch = "big[01-02]"\ncpu = "AMD EPYC 7763"\n',
      "c",
    );
    assert.ok(read.ok);
    const group = read.cluster.nodes[0];
    assert.equal(group?.matches("big02"), true);
    assert.equal(group?.matches("big03"), false);
    assert.deepEqual(
      problemsOf('[[nodes]]\nmatch = "big[01-"\ncpu = 200\ncountry = "DE"\n').map((p) => [p[0], p[2]]),
      [[2, "nodes[0].match"]],
    );
  });

  it("flags make a one-partition cluster; their problems name the key", () => {
    const ok = clusterFromTable(dataset, { cpu: 200, cpus_per_node: 64, country: "SE" });
    assert.ok(!Array.isArray(ok));
    const bad = clusterFromTable(dataset, { cpu: "EPYC 9999", country: "SE" });
    assert.ok(Array.isArray(bad));
    assert.equal((bad as { path: string }[])[0]?.path, "cpu");
  });
});
