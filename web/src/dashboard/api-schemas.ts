// The shapes the dashboard reads from the server's /api/v1 (docs/server.md), validated where they cross
// into the page: an answer that does not match is one clear error, never a wrong number on screen.
// Objects are loose (fields a newer server adds are ignored); results use the engine's own schema.
import * as v from "valibot";
import { EstimateResultSchema, FactorSchema } from "../../../src/core/schemas/estimate-result.ts";

const origin = v.picklist(["tracker", "estimate", "codecarbon"]);
const status = v.picklist(["running", "finished"]);
const iso = v.nullable(v.string());

/** GET /projects. */
export const ProjectsSchema = v.object({
  projects: v.array(
    v.object({
      name: v.string(),
      runs: v.number(),
      energyKWh: v.number(),
      emissionsKg: v.number(),
      lastDay: iso,
    }),
  ),
});
/** One project with its totals. */
export type ProjectItem = v.InferOutput<typeof ProjectsSchema>["projects"][number];

/** One period and origin of GET /projects/:project/totals. */
export const PeriodSchema = v.object({
  period: v.string(),
  origin,
  runs: v.number(),
  energyKWh: v.number(),
  facilityEnergyKWh: v.number(),
  emissionsKg: v.number(),
  lowKg: v.number(),
  highKg: v.number(),
  unrangedKg: v.number(),
  marketBasedKg: v.number(),
  marketCoveredKg: v.number(),
});
/** Totals of one period and origin. */
export type Period = v.InferOutput<typeof PeriodSchema>;

/** GET /projects/:project/totals. */
export const TotalsSchema = v.object({
  project: v.string(),
  by: v.picklist(["week", "month"]),
  periods: v.array(PeriodSchema),
});

/** One person and origin of GET /projects/:project/totals?by=user (null: runs that recorded no user). */
export const PersonTotalsSchema = v.object({
  ...v.omit(PeriodSchema, ["period"]).entries,
  user: v.nullable(v.string()),
});
/** Totals of one person and origin. */
export type PersonTotals = v.InferOutput<typeof PersonTotalsSchema>;

/** GET /projects/:project/totals?by=user. */
export const PeopleTotalsSchema = v.object({
  project: v.string(),
  by: v.literal("user"),
  users: v.array(PersonTotalsSchema),
});

const RunItemSchema = v.object({
  key: v.string(),
  origin,
  // Who ran it (null: none recorded; absent from servers before runs had users).
  user: v.exactOptional(v.nullable(v.string())),
  status,
  createdAt: v.string(),
  startedAt: iso,
  nodes: v.number(),
  energyKWh: v.number(),
  emissionsKg: v.number(),
  lastTime: iso,
});
/** One run of a list. */
export type RunItem = v.InferOutput<typeof RunItemSchema>;

/** GET /projects/:project/runs. */
export const RunsSchema = v.object({
  project: v.string(),
  runs: v.array(RunItemSchema),
  next: v.nullable(v.string()),
});

const SeriesSchema = v.object({
  key: v.string(),
  component: v.string(),
  label: v.string(),
  method: v.string(),
  via: v.string(),
  energyKWh: v.number(),
  emissionsKg: v.number(),
  samples: v.number(),
  firstTime: iso,
  lastTime: iso,
  lastPowerW: v.number(),
});
/** One component stream of a node's log. */
export type Series = v.InferOutput<typeof SeriesSchema>;

const figures = v.object({
  energyKWh: v.number(),
  emissionsKg: v.number(),
  lowKg: v.nullable(v.number()),
  highKg: v.nullable(v.number()),
  marketKg: v.nullable(v.number()),
});

/** GET /projects/:project/runs/:run. */
export const RunDetailSchema = v.object({
  run: v.object({ ...RunItemSchema.entries, summary: v.nullable(figures) }),
  result: v.nullable(EstimateResultSchema),
  resultMissing: v.nullable(v.string()),
  factors: v.array(FactorSchema),
  methods: v.array(
    v.object({
      component: v.string(),
      method: v.string(),
      via: v.string(),
      series: v.number(),
      energyKWh: v.number(),
    }),
  ),
  codecarbon: v.unknown(),
  nodes: v.array(
    v.object({
      hostname: v.string(),
      rank: v.number(),
      logs: v.array(
        v.object({
          logId: v.string(),
          startedAt: iso,
          ackedThrough: v.number(),
          finished: v.boolean(),
          series: v.array(SeriesSchema),
        }),
      ),
    }),
  ),
});
/** A run with its nodes, result, factors and methods. */
export type RunDetail = v.InferOutput<typeof RunDetailSchema>;

/** GET …/power. */
export const PowerSchema = v.object({
  bucketS: v.nullable(v.number()),
  source: v.nullable(v.picklist(["samples", "hours"])),
  from: iso,
  to: iso,
  series: v.array(
    v.object({
      hostname: v.string(),
      rank: v.number(),
      node: v.string(),
      component: v.string(),
      method: v.string(),
      points: v.array(v.tuple([v.number(), v.number()])),
    }),
  ),
});
/** A run's power chart. */
export type Power = v.InferOutput<typeof PowerSchema>;

const RegionSchema = v.object({
  region: v.string(),
  name: v.string(),
  pue: v.number(),
  intensityGPerKWh: v.number(),
  emissionsKg: v.number(),
});
/** One provider's cleanest region for a run. */
export type RegionChoice = v.InferOutput<typeof RegionSchema>;

/** GET …/cleanest. */
export const CleanestSchema = v.object({
  energyKWh: v.number(),
  emissionsKg: v.number(),
  year: v.nullable(v.number()),
  cleanest: v.nullable(RegionSchema),
  inProvider: v.nullable(
    v.object({
      region: v.string(),
      emissionsKg: v.number(),
      intensityGPerKWh: v.number(),
      pue: v.number(),
    }),
  ),
  byProvider: v.array(RegionSchema),
});
/** Where a run would have emitted least. */
export type Cleanest = v.InferOutput<typeof CleanestSchema>;

/** Every error the API answers (docs/server.md): the first problem's fields. */
export const ProblemSchema = v.object({ code: v.string(), path: v.string(), message: v.string() });
