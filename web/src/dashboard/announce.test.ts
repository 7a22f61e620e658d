import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIGURES_EVERY_MS, type RunPulse, runAnnouncement, runsAnnouncement } from "./announce.ts";
import type { RunItem } from "./api-schemas.ts";

const pulse = (extra: Partial<RunPulse> = {}): RunPulse => ({
  key: "job-42",
  status: "running",
  nodes: 1,
  energyKWh: 0.5,
  emissionsKg: 0.0312,
  ...extra,
});

const item = (key: string, status: RunItem["status"]): RunItem => ({
  key,
  origin: "tracker",
  status,
  createdAt: "2026-03-02T08:00:00Z",
  startedAt: null,
  nodes: 1,
  energyKWh: 1,
  emissionsKg: 0.1,
  lastTime: null,
});

describe("live-region announcements", () => {
  it("says nothing on the first load or for another run", () => {
    assert.equal(runAnnouncement(null, pulse(), 0), null);
    assert.equal(runAnnouncement(pulse({ key: "other" }), pulse({ nodes: 2 }), 0), null);
  });

  it("says at once when a run gains a node or finishes", () => {
    assert.equal(
      runAnnouncement(pulse(), pulse({ nodes: 2 }), 0),
      "job-42: now 2 nodes; 0.5 kWh, 31.2 g CO2eq (location-based) so far.",
    );
    assert.equal(
      runAnnouncement(pulse(), pulse({ status: "finished", energyKWh: 2, emissionsKg: 1.5 }), 0),
      "job-42 finished: 1 node, 2 kWh, 1.5 kg CO2eq (location-based).",
    );
  });

  it("says a running run's new figures at most every 30 s, and only when they changed", () => {
    const next = pulse({ energyKWh: 0.6 });
    assert.equal(runAnnouncement(pulse(), next, FIGURES_EVERY_MS - 1), null);
    assert.equal(
      runAnnouncement(pulse(), next, FIGURES_EVERY_MS),
      "job-42: 0.6 kWh, 31.2 g CO2eq (location-based) so far.",
    );
    assert.equal(runAnnouncement(pulse(), pulse(), FIGURES_EVERY_MS * 10), null);
  });

  it("names new and finished runs of a list", () => {
    const before = [item("a", "running"), item("b", "finished")];
    assert.equal(runsAnnouncement(null, before), null);
    assert.equal(runsAnnouncement(before, before), null);
    assert.equal(
      runsAnnouncement(before, [item("c", "running"), item("a", "finished"), item("b", "finished")]),
      "New run: c. Finished: a.",
    );
    const many = ["c", "d", "e", "f", "g"].map((k) => item(k, "running"));
    assert.equal(runsAnnouncement(before, [...many, ...before]), "New runs: c, d, e and 2 more.");
  });
});
