import { type ChildProcess, execFile } from "node:child_process";
import { onPath } from "./on-path.ts";

/** The compute-apps fields asked for, in order. */
export const COMPUTE_APPS_FIELDS = ["pid", "gpu_uuid", "used_memory"] as const;

/** One process holding a GPU, as `nvidia-smi --query-compute-apps` lists it. */
export interface ComputeApp {
  /** Its pid (in the PID namespace nvidia-smi sees: the host's, in most containers). */
  readonly pid: number;
  /** UUID of the GPU it holds. */
  readonly gpuUuid: string;
  /** GPU memory it uses, MiB (null when nvidia-smi says [N/A], e.g. without permission or under MIG). */
  readonly usedMemoryMiB: number | null;
}

/** Parses `--query-compute-apps=pid,gpu_uuid,used_memory --format=csv,noheader,nounits` output; other lines are skipped. */
export const parseComputeApps = (text: string): ComputeApp[] => {
  const apps: ComputeApp[] = [];
  for (const line of text.split("\n")) {
    const [pid = "", gpuUuid = "", memory = ""] = line.split(",").map((c) => c.trim());
    if (!/^\d+$/.test(pid) || !/^(GPU|MIG)-/.test(gpuUuid)) continue;
    const mib = Number(memory);
    apps.push({
      pid: Number(pid),
      gpuUuid,
      usedMemoryMiB: memory !== "" && Number.isFinite(mib) && mib >= 0 ? mib : null,
    });
  }
  return apps;
};

/** The latest answer of the compute-apps query. */
export type ComputeAppsState =
  /** No answer yet. */
  | { readonly kind: "pending" }
  /**
   * The processes on the GPUs at `atMs` (monotonic clock), and how many of them were live processes here
   * when the answer came (0 of several: nvidia-smi sees another PID namespace).
   */
  | {
      readonly kind: "known";
      readonly apps: readonly ComputeApp[];
      readonly atMs: number;
      readonly visible: number;
    }
  /** The query cannot be answered here (no nvidia-smi, an old driver, an error): why. */
  | { readonly kind: "unavailable"; readonly reason: string };

/** The processes on the GPUs, asked for in the background. */
export interface ComputeAppsSource {
  /** The latest answer. */
  state(): ComputeAppsState;
  /** Stops asking. */
  close(): void;
}

/** Options of {@link pollComputeApps}. */
export interface ComputeAppsOptions {
  /** Command (default "nvidia-smi"). */
  readonly command?: string;
  /** Environment (PATH) to find it in. */
  readonly env?: NodeJS.ProcessEnv;
  /** Milliseconds until the next query, asked after each answer (lets the caller slow down). */
  readonly nextDelayMs: () => number;
  /** Monotonic clock, ms. */
  readonly now?: () => number;
  /** Whether a pid is a live process here (default: every pid is). */
  readonly pidExists?: (pid: number) => boolean;
}

/**
 * Asks `nvidia-smi --query-compute-apps=pid,gpu_uuid,used_memory` at once and then after each answer
 * (one query at a time, never overlapping); a query that fails makes the source unavailable for the run.
 */
export const pollComputeApps = (options: ComputeAppsOptions): ComputeAppsSource => {
  const command = options.command ?? "nvidia-smi";
  const env = options.env ?? process.env;
  const now = options.now ?? (() => performance.now());
  let state: ComputeAppsState = onPath(command, env)
    ? { kind: "pending" }
    : { kind: "unavailable", reason: `${command} not found` };
  let timer: NodeJS.Timeout | null = null;
  let running: ChildProcess | null = null;
  let closed = false;
  const ask = () => {
    timer = null;
    const args = [`--query-compute-apps=${COMPUTE_APPS_FIELDS.join(",")}`, "--format=csv,noheader,nounits"];
    const execOptions = { env, timeout: 30_000, maxBuffer: 4 * 1024 * 1024 };
    running = execFile(command, args, execOptions, (error, stdout, stderr) => {
      running = null;
      if (closed) return;
      if (error !== null) {
        const said = `${stderr}${stdout}`
          .split("\n")
          .find((l) => l.trim() !== "")
          ?.trim();
        state = { kind: "unavailable", reason: said ?? error.message };
        return;
      }
      const apps = parseComputeApps(stdout);
      const exists = options.pidExists ?? (() => true);
      state = { kind: "known", apps, atMs: now(), visible: apps.filter((a) => exists(a.pid)).length };
      timer = setTimeout(ask, options.nextDelayMs());
      timer.unref();
    });
  };
  if (state.kind === "pending") ask();
  return {
    state: () => state,
    close: () => {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      // Only a started child: kill() on a failed spawn can reach pid 0, i.e. our whole process group.
      if (running?.pid !== undefined && running.exitCode === null) running.kill();
    },
  };
};
