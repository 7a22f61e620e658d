import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as v from "valibot";
import { StartLineSchema } from "../core/schemas/tracker-log.ts";
import { jobUserOf } from "./job-user.ts";

const noOs = (): string | null => {
  throw new Error("the OS was asked");
};

describe("the job's user", () => {
  it("takes the caller's name over SLURM_JOB_USER and the login name", () => {
    assert.equal(jobUserOf("bob", { SLURM_JOB_USER: "alice" }, noOs), "bob");
  });

  it("records none for an empty or null name, without falling back", () => {
    assert.equal(jobUserOf("", { SLURM_JOB_USER: "alice" }, noOs), null);
    assert.equal(jobUserOf("  ", { SLURM_JOB_USER: "alice" }, noOs), null);
    assert.equal(jobUserOf(null, { SLURM_JOB_USER: "alice" }, noOs), null);
  });

  it("takes SLURM_JOB_USER (trimmed) before the login name", () => {
    assert.equal(jobUserOf(undefined, { SLURM_JOB_USER: " alice\n" }, noOs), "alice");
  });

  it("falls back to the login name when SLURM_JOB_USER is unset, blank or unusable", () => {
    assert.equal(
      jobUserOf(undefined, {}, () => "carol"),
      "carol",
    );
    assert.equal(
      jobUserOf(undefined, { SLURM_JOB_USER: "" }, () => "carol"),
      "carol",
    );
    assert.equal(
      jobUserOf(undefined, { SLURM_JOB_USER: "x".repeat(101) }, () => "carol"),
      "carol",
    );
  });

  it("records none when the OS has no name for the process", () => {
    assert.equal(
      jobUserOf(undefined, {}, () => null),
      null,
    );
    assert.equal(
      jobUserOf(undefined, {}, () => "bad\u0007name"),
      null,
    );
  });
});

describe("the start line's user field", () => {
  const start = {
    type: "start",
    schema: "mlco2-track/1",
    runId: "r",
    startedAt: "2026-11-28T10:00:00.000Z",
    project: null,
    command: null,
    intervalS: 1,
    pue: 1.1,
    sensors: [],
    warnings: [],
  };

  it("is optional: a log of an older tracker stays valid", () => {
    assert.equal(v.safeParse(StartLineSchema, start).success, true);
    assert.equal(v.safeParse(StartLineSchema, { ...start, user: null }).success, true);
    assert.equal(v.safeParse(StartLineSchema, { ...start, user: "alice" }).success, true);
  });

  it("refuses names that are blank, too long or hold control characters", () => {
    for (const user of ["", "x".repeat(101), "a\nb", 42]) {
      const parsed = v.safeParse(StartLineSchema, { ...start, user });
      assert.equal(parsed.success, false, JSON.stringify(user));
      assert.match(parsed.issues?.[0]?.message ?? "", /expected a user name/);
    }
  });
});
