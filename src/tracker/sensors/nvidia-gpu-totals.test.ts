import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type GpuTotals, nvidiaReadingOf, queryEndWarningOf, takeNvidiaLine } from "./nvidia-gpu-totals.ts";
import type { NvidiaLine } from "./nvidia-smi.ts";

const line = (timeMs: number, powerW: number | null, energyMJ: number | null = null): NvidiaLine => ({
  timeMs,
  index: "0",
  uuid: "GPU-a",
  name: "Test GPU",
  powerW,
  utilization: 0.5,
  energyMJ,
});

const fed = (lines: NvidiaLine[]) => {
  const gpus = new Map<string, GpuTotals>();
  for (const [i, l] of lines.entries()) takeNvidiaLine(gpus, l, i * 100);
  return gpus.get("0") as GpuTotals;
};

describe("takeNvidiaLine", () => {
  it("integrates power between nvidia-smi's timestamps (trapezoids)", () => {
    // (100 + 300) / 2 × 1 s + (300 + 300) / 2 × 0.5 s = 200 + 150 J
    assert.equal(fed([line(0, 100), line(1000, 300), line(1500, 300)]).integratedJ, 350);
  });
  it("skips lines without power and lines that do not move the clock forward", () => {
    const gpu = fed([line(0, 100), line(500, null), line(1000, 100), line(1000, 900)]);
    assert.deepEqual([gpu.integratedJ, gpu.lastLine?.powerW, gpu.lastArrivalMs], [100, 900, 300]);
  });
});

describe("nvidiaReadingOf", () => {
  const warnings: string[] = [];
  const warn = (text: string) => warnings.push(text);
  it("reads the counter's difference since the previous sample, nothing on the baseline tick", () => {
    const gpu = fed([line(0, 100, 5000), line(1000, 100, 105_000)]);
    assert.equal(nvidiaReadingOf("0", gpu, { intervalS: 0, nowMs: 200 }, 2000, warn), null);
    takeNvidiaLine(new Map([["0", gpu]]), line(3000, 100, 305_000), 300);
    const reading = nvidiaReadingOf("0", gpu, { intervalS: 2, nowMs: 400 }, 2000, warn);
    assert.deepEqual(
      [reading?.energyJ, reading?.powerW, reading?.via, reading?.deviceId, reading?.utilization],
      [200, 100, "nvidia-smi energy counter", "GPU-a", 0.5], // (305,000 − 105,000) mJ over 2 s
    );
  });
  it("falls back to integrated power when the counter stands still while power flows", () => {
    const gpu = fed([line(0, 100, 7), line(1000, 300, 7)]);
    const reading = nvidiaReadingOf("0", gpu, { intervalS: 1, nowMs: 200 }, 2000, warn);
    assert.deepEqual([reading?.energyJ, reading?.via], [200, "nvidia-smi power.draw integrated"]);
  });
  it("says once that a GPU went quiet", () => {
    warnings.length = 0;
    const gpu = fed([line(0, 100)]);
    nvidiaReadingOf("0", gpu, { intervalS: 1, nowMs: 2001 }, 2000, warn);
    nvidiaReadingOf("0", gpu, { intervalS: 1, nowMs: 4000 }, 2000, warn);
    assert.deepEqual(warnings, [
      "GPU 0 (Test GPU) stopped reporting during the run; its energy after that is not counted.",
    ]);
  });
});

describe("queryEndWarningOf", () => {
  it("quotes the first line said, else the exit code; nothing for a quiet stop", () => {
    assert.equal(
      queryEndWarningOf("\n  NVIDIA-SMI has failed  \nmore", 9, 0),
      "nvidia-smi failed (NVIDIA-SMI has failed); no NVIDIA GPU energy is counted.",
    );
    assert.equal(
      queryEndWarningOf("", 1, 2),
      "nvidia-smi stopped mid-run (exit code 1); GPU energy after that is not counted.",
    );
    assert.equal(queryEndWarningOf("", null, 2), null);
  });
});
