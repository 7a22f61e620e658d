// Which run and which node a tracker log belongs to. The log's start line says it first: the tracker read
// its launcher's variables (docs/tracker.md, "Distributed and shared-node runs"). A log without them (an
// older tracker) takes the launcher variables of whoever uploads it, with the tracker's own rules, and
// else counts as a run of one node under its own id. Pure.
import * as v from "valibot";
import { LaunchSchema } from "../core/schemas/tracker-log.ts";
import { launchContextOf } from "../tracker/launcher.ts";

type Env = Readonly<Record<string, string | undefined>>;

/** The run and node a log is stored under. */
export interface LogPlace {
  /** The run key shared by every node of the run. */
  readonly runKey: string;
  /** Where the key came from: "--run-id", "SLURM_JOB_ID (in the log)", "MLCO2_RUN_ID", "the log's id"… */
  readonly from: string;
  /** This node. */
  readonly node: { readonly hostname: string; readonly rank: number };
}

/** What the caller says or knows besides the log. */
export interface PlaceHints {
  /** `--run-id`: wins over everything. */
  readonly runId?: string;
  /** `--hostname` / `--rank`: win over the log's. */
  readonly hostname?: string;
  readonly rank?: number;
  /** The uploader's environment and machine name, for logs that do not say. */
  readonly env: Env;
  readonly machineHostname: string;
}

/**
 * The run key and node of a log: `--run-id`, else the key in its start line's `launch`, else the
 * environment's (MLCO2_RUN_ID, SLURM_JOB_ID[.step], TORCHELASTIC_RUN_ID), else the log's own id.
 *
 * @example
 * logPlaceOf({ launch: { runKey: "slurm:77.0", runKeyFrom: "SLURM_JOB_ID", host: "gpu-02", rank: 3, … } }, "uuid", { env: {}, machineHostname: "login" })
 * // { runKey: "slurm:77.0", from: "SLURM_JOB_ID (in the log)", node: { hostname: "gpu-02", rank: 3 } }
 */
export const logPlaceOf = (start: unknown, logId: string, hints: PlaceHints): LogPlace => {
  const parsed = v.safeParse(LaunchSchema, (start as { launch?: unknown } | null)?.launch);
  const logged = parsed.success ? parsed.output : null;
  const here = launchContextOf(hints.env, { hostname: hints.machineHostname });
  const key: { runKey: string; from: string } =
    hints.runId !== undefined && hints.runId !== ""
      ? { runKey: hints.runId, from: "--run-id" }
      : logged?.runKey != null
        ? { runKey: logged.runKey, from: `${logged.runKeyFrom ?? "launcher"} (in the log)` }
        : here.runKey !== null
          ? { runKey: here.runKey, from: here.runKeyFrom ?? "launcher" }
          : { runKey: logId, from: "the log's id" };
  return {
    ...key,
    node: {
      hostname: hints.hostname ?? logged?.host ?? here.host,
      rank: hints.rank ?? logged?.rank ?? here.rank ?? 0,
    },
  };
};
