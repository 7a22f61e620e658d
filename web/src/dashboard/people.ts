// Totals per person as the project view shows them: one row per person and origin (origins are never
// added together), the people who emitted most first, runs that recorded no user last as "unknown". Pure.
import type { PersonTotals } from "./api-schemas.ts";
import type { Origin } from "./route.ts";

/** What a run without a recorded user is shown as. */
export const UNKNOWN_PERSON = "unknown";

/** A person's name on screen ("unknown" for runs that recorded none). */
export const personText = (user: string | null | undefined): string => user ?? UNKNOWN_PERSON;

const ORDER: Record<Origin, number> = { tracker: 0, estimate: 1, codecarbon: 2 };

/**
 * Rows per person and origin: people by their largest single-origin location-based emissions (most
 * first, then by name), "unknown" last; within a person, origins in a fixed order.
 *
 * @example
 * peopleRowsOf([{ user: null, … }, { user: "bob", emissionsKg: 1, … }, { user: "alice", emissionsKg: 2, … }])
 * // alice, bob, then unknown
 */
export const peopleRowsOf = (users: readonly PersonTotals[]): PersonTotals[] => {
  const largest = new Map<string | null, number>();
  for (const u of users) largest.set(u.user, Math.max(largest.get(u.user) ?? 0, u.emissionsKg));
  const rank = (user: string | null): number => (user === null ? -1 : (largest.get(user) ?? 0));
  return [...users].sort(
    (a, b) =>
      (a.user === null ? 1 : 0) - (b.user === null ? 1 : 0) ||
      rank(b.user) - rank(a.user) ||
      (a.user ?? "").localeCompare(b.user ?? "") ||
      ORDER[a.origin] - ORDER[b.origin],
  );
};

/** The named people, in name order (for the runs filter). */
export const peopleNamesOf = (users: readonly PersonTotals[]): string[] =>
  [...new Set(users.flatMap((u) => (u.user === null ? [] : [u.user])))].sort((a, b) => a.localeCompare(b));
