import { failWith, type PlanOutcome, planProblem, succeed } from "./problems.ts";
import { MS_PER_HOUR, parseInstant } from "./time.ts";

/** What a typed time is read against. */
export interface TimeInputContext {
  /** Input path for a problem ("earliest", "deadline"). */
  readonly path: string;
  /** What "now" means, ms (passed in: this module reads no clock). */
  readonly nowMs: number;
  /** What "+Nh" counts from, ms (now for the earliest start, the earliest start for a deadline). */
  readonly relativeToMs: number;
}

/**
 * Reads a typed time: ISO 8601 with a zone designator, "now", or "+Nh" (hours after
 * `relativeToMs`). A time without a zone is refused (`bad-time`) rather than read in some local time.
 *
 * @example
 * readTimeInput("+6h", { path: "deadline", nowMs: 0, relativeToMs: 0 }) // { ok: true, value: 21600000 }
 */
export const readTimeInput = (text: string, context: TimeInputContext): PlanOutcome<number> => {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === "now") return succeed(context.nowMs);
  const relative = /^\+(\d+(?:\.\d+)?)h$/i.exec(trimmed);
  if (relative !== null) return succeed(context.relativeToMs + Number(relative[1]) * MS_PER_HOUR);
  const ms = parseInstant(trimmed);
  if (Number.isNaN(ms)) {
    const hint = Number.isNaN(parseInstant(trimmed, true)) ? "" : " (add Z or an offset such as +01:00)";
    return failWith(
      planProblem(
        "bad-time",
        context.path,
        `"${text}" is not a time${hint}; use ISO 8601 with a zone (2026-03-01T08:00:00Z), now, or +Nh`,
      ),
    );
  }
  return succeed(ms);
};
