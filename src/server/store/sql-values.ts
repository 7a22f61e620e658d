// Values as the two engines return them, made the same: times as ISO strings, counts as numbers.

/** A timestamptz (a Date from either engine, or text) as ISO 8601, or null. */
export const isoOf = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** A number column (float8, int4, or a bigint as text) as a number; null stays null. */
export const numberOf = (value: unknown): number => {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string") return Number(value);
  return 0;
};

/** A nullable number column. */
export const nullableNumberOf = (value: unknown): number | null =>
  value === null || value === undefined ? null : numberOf(value);

/** A jsonb column: parsed already by both engines, or text. */
export const jsonOf = (value: unknown): unknown => {
  if (typeof value !== "string") return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};
