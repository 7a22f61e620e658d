// Who ran the job, for the start line's `user`: the caller's name (`--user`), else Slurm's SLURM_JOB_USER,
// else the login name the OS gives. Pure but for `osLoginName`, which asks the OS and is passed in.
import { userInfo } from "node:os";
import { isUserName } from "../core/schemas/user-name.ts";

/** The OS login name of this process, or null where there is none (a container user without a passwd entry). */
export const osLoginName = (): string | null => {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
};

/**
 * The user recorded for a job: `given` when the caller named one (null or blank: record none), else
 * `SLURM_JOB_USER` from `env`, else the OS login name; a name that cannot be recorded (too long, control
 * characters) is skipped.
 *
 * @example
 * jobUserOf(undefined, { SLURM_JOB_USER: "alice" }, () => "root") // "alice"
 * jobUserOf("", { SLURM_JOB_USER: "alice" }, () => "root") // null
 */
export const jobUserOf = (
  given: string | null | undefined,
  env: Readonly<Record<string, string | undefined>>,
  osName: () => string | null,
): string | null => {
  if (given !== undefined) return given === null || given.trim() === "" ? null : given;
  const slurm = env.SLURM_JOB_USER?.trim();
  if (slurm !== undefined && isUserName(slurm)) return slurm;
  const login = osName();
  return login !== null && isUserName(login) ? login : null;
};
