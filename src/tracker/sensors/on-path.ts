import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * Whether `command` can be run: a path that is executable, or a name found executable on the PATH of
 * `env`. Checked before spawning optional tools (nvidia-smi, amd-smi, rocm-smi) so that a machine
 * without them does not pay a failed process start for each.
 */
export const onPath = (command: string, env: NodeJS.ProcessEnv = process.env): boolean => {
  const executable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (command.includes("/")) return executable(command);
  return (env.PATH ?? "").split(delimiter).some((dir) => dir !== "" && executable(join(dir, command)));
};
