import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { filtersOf, filtersQuery, hrefOf, type Route, routeOf, runPath } from "./route.ts";

describe("dashboard routes", () => {
  it("reads the three places and their filters", () => {
    assert.deepEqual(routeOf(""), { kind: "projects" });
    assert.deepEqual(routeOf("#/"), { kind: "projects" });
    assert.deepEqual(routeOf("#/p/vision"), { kind: "project", project: "vision", filters: {} });
    assert.deepEqual(
      routeOf("#/p/vision?origin=tracker&status=running&from=2026-03-01&to=2026-03-31&q=job&by=week"),
      {
        kind: "project",
        project: "vision",
        filters: {
          origin: "tracker",
          status: "running",
          from: "2026-03-01",
          to: "2026-03-31",
          q: "job",
          by: "week",
        },
      },
    );
    assert.deepEqual(routeOf("#/p/vision/r/job-42"), { kind: "run", project: "vision", run: "job-42" });
  });

  it("drops unknown or malformed filters and paths instead of guessing", () => {
    assert.deepEqual(filtersOf("origin=slurm&status=done&from=March&to=2026-3-1&by=day&q=%20"), {});
    assert.deepEqual(routeOf("#/p/%E0%A4%A"), { kind: "projects" });
    assert.deepEqual(routeOf("#/x/vision"), { kind: "projects" });
    assert.deepEqual(routeOf("#/p/vision/r/"), { kind: "project", project: "vision", filters: {} });
    assert.deepEqual(routeOf("#/p/vision/r/a/b"), { kind: "project", project: "vision", filters: {} });
  });

  it("round-trips any name, SQL, HTML, slashes and question marks included", () => {
    const names = [
      "vision",
      "a/b?c#d&e=f",
      `Robert'); DROP TABLE runs;-- <img src=x onerror=alert(1)>`,
      "日本語 % 100",
    ];
    for (const project of names)
      for (const run of names) {
        const route: Route = { kind: "run", project, run };
        assert.deepEqual(routeOf(hrefOf(route)), route);
        const list: Route = { kind: "project", project, filters: { q: run, origin: "estimate" } };
        assert.deepEqual(routeOf(hrefOf(list)), list);
      }
    assert.equal(hrefOf({ kind: "run", project: "a/b", run: "x?y" }), "#/p/a%2Fb/r/x%3Fy");
    assert.equal(runPath("a/b", "<x>"), "projects/a%2Fb/runs/%3Cx%3E");
  });

  it("writes filters in one order, without empty ones", () => {
    assert.equal(
      filtersQuery({ by: "week", q: "job 1", origin: "tracker" }),
      "origin=tracker&q=job+1&by=week",
    );
    assert.equal(filtersQuery({}), "");
    assert.equal(hrefOf({ kind: "project", project: "p", filters: {} }), "#/p/p");
    assert.equal(hrefOf({ kind: "projects" }), "#/");
  });
});
