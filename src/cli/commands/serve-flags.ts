// Flags shared by `mlco2 serve` and its token commands: where the store is.
import { conflict } from "../../core/problems.ts";
import type { StoreLocation } from "../../server/node.ts";
import { CliError, problemsError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";

/** Store flags. */
export interface StoreFlags {
  readonly data?: string;
  readonly database?: string;
}

/** --data or --database (else DATABASE_URL, else ./mlco2-data). */
export const storeLocationOf = (flags: StoreFlags, io: CliIo): StoreLocation => {
  if (flags.data !== undefined && flags.database !== undefined)
    throw problemsError([conflict("--data", ["--database"], "; give one store")], (p) => p);
  const database = flags.database ?? (flags.data === undefined ? io.env?.DATABASE_URL : undefined);
  if (database !== undefined && database !== "") {
    if (!/^postgres(ql)?:\/\//.test(database))
      throw new CliError(`--database: expected a URL postgres://user:password@host:port/database`, {
        code: "invalid",
      });
    return { database };
  }
  return { data: flags.data ?? "./mlco2-data" };
};
