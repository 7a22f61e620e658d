// Reading requests: JSON bodies (content type, NUL, syntax, schema) and query strings, each failure one
// HttpProblem naming the field.
import type { Context } from "hono";
import * as v from "valibot";
import { shownValue } from "../core/problems.ts";
import { badInput, badJson, badValue, HttpProblem } from "./problems.ts";

/** A JSON body checked against `schema`. */
export const readBody = async <S extends v.GenericSchema>(
  c: Context,
  schema: S,
): Promise<v.InferOutput<S>> => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new HttpProblem(415, [
      {
        code: "unsupported-media-type",
        path: "content-type",
        message: `${shownValue(type === "" ? "missing" : type)} is not allowed; send application/json`,
      },
    ]);
  const text = await c.req.text();
  // PostgreSQL text and jsonb cannot hold U+0000: refused whole rather than stored altered.
  if (text.includes("\\u0000")) throw badValue("", "the body contains \\u0000 (NUL), which cannot be stored");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badJson(error instanceof Error ? error.message : String(error));
  }
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) throw badInput(parsed.issues);
  return parsed.output;
};

/** The query string checked against `schema` (one value per name). */
export const readQuery = <S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> => {
  const parsed = v.safeParse(schema, c.req.query());
  if (!parsed.success) throw badInput(parsed.issues);
  return parsed.output;
};
