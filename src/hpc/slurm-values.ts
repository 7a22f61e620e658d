// Values as sacct prints them: durations, memory sizes, states. Pure functions, no allocation on the
// common paths (they run once per job line).

/** Seconds of a Slurm duration `[D-][HH:]MM:SS[.fff]` (Elapsed, TotalCPU, CPUTime); NaN when it is not one. */
export const slurmSeconds = (text: string): number => {
  const dash = text.indexOf("-");
  let days = 0;
  let rest = text;
  if (dash !== -1) {
    days = wholeNumber(text, 0, dash);
    if (Number.isNaN(days)) return Number.NaN;
    rest = text.slice(dash + 1);
  }
  const first = rest.indexOf(":");
  if (first === -1) return Number.NaN;
  const second = rest.indexOf(":", first + 1);
  let hours = 0;
  let minutes: number;
  let secondsFrom: number;
  if (second === -1) {
    // MM:SS[.fff] (TotalCPU of short steps); with days, Slurm always prints hours.
    if (dash !== -1) return Number.NaN;
    minutes = wholeNumber(rest, 0, first);
    secondsFrom = first + 1;
  } else {
    hours = wholeNumber(rest, 0, first);
    minutes = wholeNumber(rest, first + 1, second);
    secondsFrom = second + 1;
  }
  const seconds = decimalSeconds(rest, secondsFrom);
  if (Number.isNaN(hours) || Number.isNaN(minutes) || Number.isNaN(seconds)) return Number.NaN;
  if (minutes >= 60 || seconds >= 60 || (dash !== -1 && hours >= 24)) return Number.NaN;
  return days * 86_400 + hours * 3_600 + minutes * 60 + seconds;
};

/** The integer of `text[from, to)` (digits only, at least one), or NaN. */
const wholeNumber = (text: string, from: number, to: number): number => {
  if (to <= from || to - from > 9) return Number.NaN;
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    value = value * 10 + c;
  }
  return value;
};

/** `SS` or `SS.fff` from `from` to the end, or NaN. */
const decimalSeconds = (text: string, from: number): number => {
  const point = text.indexOf(".", from);
  if (point === -1) return wholeNumber(text, from, text.length);
  const whole = wholeNumber(text, from, point);
  const fraction = wholeNumber(text, point + 1, text.length);
  if (Number.isNaN(whole) || Number.isNaN(fraction)) return Number.NaN;
  return whole + fraction / 10 ** (text.length - point - 1);
};

/** Binary multipliers of Slurm's size units, to MiB (Slurm's K, M, G, T, P are powers of 1024). */
const MIB_PER_UNIT: Readonly<Record<string, number>> = {
  K: 1 / 1024,
  M: 1,
  G: 1024,
  T: 1024 * 1024,
  P: 1024 * 1024 * 1024,
};

/** A memory size such as `5234567K`, `64G`, `4000M`, `1.5T`, in MiB; a bare number is in `bareUnit`; NaN when not a size. */
export const slurmMiB = (text: string, bareUnit: "K" | "M" = "M"): number => {
  if (text.length === 0) return Number.NaN;
  const last = text.charAt(text.length - 1).toUpperCase();
  const perUnit = MIB_PER_UNIT[last];
  const digits = perUnit === undefined ? text : text.slice(0, -1);
  if (!/^\d+(\.\d+)?$/.test(digits)) return Number.NaN;
  return Number(digits) * (perUnit ?? (MIB_PER_UNIT[bareUnit] as number));
};

/** ReqMem as sacct prints it: the size and what it is per (`n` node, `c` CPU; none: the job's total). */
export interface RequestedMemory {
  /** MiB. */
  readonly mib: number;
  /** Per node (`250Gn`), per CPU (`6760Mc`), or the job's total (no suffix, Slurm 21.08 and later). */
  readonly per: "node" | "cpu" | "job";
}

/** Reads ReqMem (`250Gn`, `6760Mc`, `16G`, `4000M`); null when it is not a size. */
export const requestedMemory = (text: string): RequestedMemory | null => {
  const last = text.charAt(text.length - 1);
  const per = last === "n" ? "node" : last === "c" ? "cpu" : "job";
  const mib = slurmMiB(per === "job" ? text : text.slice(0, -1));
  return Number.isNaN(mib) ? null : { mib, per };
};

/** How a job's state decides its pricing. */
export type StateKind =
  /** It ended (completed, failed, timed out, cancelled, preempted…): priced for its Elapsed. */
  | "ended"
  /** It is running (or suspended, completing…): priced only when asked, for its Elapsed so far. */
  | "active"
  /** It has not started: never priced. */
  | "pending";

/** Slurm's job states (long names as sacct prints them, and the short codes), by how they are priced. */
const STATE_KINDS: Readonly<Record<string, StateKind>> = {
  COMPLETED: "ended",
  CD: "ended",
  FAILED: "ended",
  F: "ended",
  TIMEOUT: "ended",
  TO: "ended",
  CANCELLED: "ended",
  CA: "ended",
  NODE_FAIL: "ended",
  NF: "ended",
  PREEMPTED: "ended",
  PR: "ended",
  OUT_OF_MEMORY: "ended",
  OOM: "ended",
  BOOT_FAIL: "ended",
  BF: "ended",
  DEADLINE: "ended",
  DL: "ended",
  REVOKED: "ended",
  RV: "ended",
  SPECIAL_EXIT: "ended",
  SE: "ended",
  REQUEUED: "ended",
  RQ: "ended",
  RUNNING: "active",
  R: "active",
  SUSPENDED: "active",
  S: "active",
  COMPLETING: "active",
  CG: "active",
  CONFIGURING: "active",
  CF: "active",
  RESIZING: "active",
  RS: "active",
  STOPPED: "active",
  ST: "active",
  SIGNALING: "active",
  SI: "active",
  STAGE_OUT: "active",
  SO: "active",
  PENDING: "pending",
  PD: "pending",
  REQUEUE_HOLD: "pending",
  RH: "pending",
  REQUEUE_FED: "pending",
  RF: "pending",
  RESV_DEL_HOLD: "pending",
  RD: "pending",
};

/** Every state name read (for messages). */
export const STATE_NAMES: readonly string[] = Object.keys(STATE_KINDS).filter((s) => s.length > 3);

/**
 * The state's name and kind: `CANCELLED by 11111` is CANCELLED, `COMPLETED+` (a flag sacct may add)
 * COMPLETED; null for a state Slurm does not have.
 */
export const stateOf = (text: string): { readonly name: string; readonly kind: StateKind } | null => {
  const kind = STATE_KINDS[text];
  if (kind !== undefined) return { name: text, kind };
  const space = text.indexOf(" ");
  const name = (space === -1 ? text : text.slice(0, space)).replace(/\+$/, "");
  const found = STATE_KINDS[name];
  return found === undefined ? null : { name, kind: found };
};
