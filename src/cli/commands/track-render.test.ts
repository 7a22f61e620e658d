import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimate } from "../../index.ts";
import { launchContextOf } from "../../tracker/launcher.ts";
import { renderProgressLine, renderTrackSummary } from "./track-render.ts";

const result = estimate({ watts: 1000, hours: 2, intensity: 500, pue: 1, units: 4e6, unit: "tokens" });
const prediction = {
  done: 2,
  total: 10,
  energyKWh: 10,
  lowKWh: 9,
  highKWh: 11,
  emissionsKg: 5,
  lowKg: 4.5,
  highKg: 5.5,
  durationS: 36_000,
};

describe("the track summary", () => {
  const launch = launchContextOf(
    {
      SLURM_JOB_ID: "4242",
      SLURM_STEP_ID: "0",
      SLURM_PROCID: "8",
      SLURM_LOCALID: "0",
      SLURM_NODEID: "1",
      SLURM_NTASKS: "16",
    },
    { hostname: "gpu002" },
  );
  const text = renderTrackSummary({
    command: ["python", "train.py"],
    exit: { code: 0, signal: null },
    result,
    logPath: "run.jsonl",
    csvPath: null,
    launch,
    allocationIdle: {
      reported: true,
      energyKWh: 0.5,
      facilityEnergyKWh: 0.5,
      emissionsKg: 0.25,
      components: [
        {
          component: "gpu",
          label: "GPU 7 X (no process on it)",
          powerW: 250,
          energyKWh: 0.5,
          method: "measured",
          via: "t",
        },
      ],
    },
    prediction,
  });
  it("shows the allocation's idle energy apart, and my allocation = job + idle", () => {
    assert.match(
      text,
      /\n {2}allocation idle {2}500 Wh, 250 g CO2eq \(GPU 7 X \(no process on it\)\); not in the total above\n/,
    );
    assert.match(text, /\n {2}my allocation {4}2\.5 kWh, 1\.25 kg CO2eq \(job \+ allocation idle\)\n/);
  });
  it("shows the figures per unit, the prediction and the task", () => {
    assert.match(text, /\n {2}per unit 0\.25 g CO2eq and 0\.5 Wh per 1,000 tokens \(4,000,000 tokens\)\n/);
    assert.match(
      text,
      /\n {2}predicted whole job ≈ 10 kWh \(9 kWh–11 kWh\), 5 kg CO2eq \(4\.5 kg–5\.5 kg\) at 2\/10\n/,
    );
    assert.match(text, /\n {2}task {4}slurm:4242\.0 on gpu002, rank 8 of 16 \(node 1, local rank 0\)\n/);
  });
  it("no idle line when this tracker does not report its node's idle energy; no task line without a launcher", () => {
    const plain = renderTrackSummary({
      command: ["x"],
      exit: { code: 0, signal: null },
      result,
      logPath: null,
      csvPath: null,
      launch: launchContextOf({}, { hostname: "h" }),
      allocationIdle: { reported: false, energyKWh: 0, facilityEnergyKWh: 0, emissionsKg: 0, components: [] },
    });
    assert.doesNotMatch(plain, /allocation idle|task {4}/);
  });
});

describe("the live line", () => {
  it("adds the whole job's prediction once progress shows", () => {
    const line = renderProgressLine({
      elapsedS: 3723,
      powerW: 310,
      energyKWh: 0.3,
      emissionsKg: 0.1,
      prediction,
    });
    assert.equal(line, "mlco2 01:02:03  310 W  300 Wh  100 g CO2eq  → 10 kWh (9 kWh–11 kWh), 5 kg at 2/10");
    assert.equal(
      renderProgressLine({ elapsedS: 1, powerW: 1, energyKWh: 0.001, emissionsKg: 0.001, prediction: null }),
      "mlco2 00:00:01  1 W  1 Wh  1 g CO2eq",
    );
  });
});
