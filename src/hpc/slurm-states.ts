// Slurm's job states (long names as sacct prints them, and the short codes) and how each is priced.

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
