// A real tracker log (fake nvidia-smi on PATH, the load-based CPU model on this process) checked line by
// line against the log-line schemas that `mlco2 report`, `mlco2 push` and the server read it with.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import * as v from "valibot";
import { parseSavedResult } from "../core/report/saved-result.ts";
import { issuesToProblems } from "../core/schemas/issues.ts";
import { LogLineSchema } from "../core/schemas/tracker-log.ts";
import { fakeAppsEnv, fakeGpuEnv, registerPid, sleep, tempDir } from "./fixtures/test-helpers.ts";
import { startTracking } from "./session.ts";

test("every line of a real tracker log passes the log-line schema; the log reads back as a saved result", async () => {
  const logPath = join(tempDir(), "run.jsonl");
  const pids = tempDir("mlco2-pids-");
  registerPid(pids, "tracked", process.pid);
  const run = await startTracking({
    pid: process.pid,
    intervalS: 0.1,
    zone: "FR",
    project: "schema check",
    runId: "schema-run",
    command: ["node", "-e", "work()"],
    logPath,
    env: fakeGpuEnv("a100x2-energy.csv", fakeAppsEnv("a100x2-apps.csv", pids)),
    powercapRoot: "/nonexistent",
  });
  await sleep(450);
  await run.stop({ code: 0, signal: null });
  const text = readFileSync(logPath, "utf8");
  const lines = text.trimEnd().split("\n");
  const types = lines.map((l) => (JSON.parse(l) as { type: string }).type);
  assert.equal(types[0], "start");
  assert.equal(types.at(-1), "summary");
  assert.ok(types.filter((t) => t === "sample").length >= 2, types.join(","));
  const records = lines.map((l) => JSON.parse(l) as { components?: { component: string; method: string }[] });
  assert.ok(
    records.some((r) => r.components?.some((c) => c.component === "gpu" && c.method === "measured")),
    "the fake GPUs were measured (samples carry cpu, memory and gpu components)",
  );
  for (const record of records as { task?: { runKey: string; host: string } }[]) {
    assert.equal(record.task?.runKey, "schema-run", "every line carries the run key");
    assert.ok((record.task?.host ?? "") !== "", "every line carries the host");
  }
  for (const [i, l] of lines.entries()) {
    const parsed = v.safeParse(LogLineSchema, JSON.parse(l));
    assert.ok(
      parsed.success,
      `line ${i + 1}: ${parsed.success ? "" : JSON.stringify(issuesToProblems(parsed.issues))}`,
    );
  }
  const saved = parseSavedResult(text);
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.equal(saved.value.from, "tracker-log");
  assert.equal(saved.value.result.job.location.zone, "FR");
});
