// Lists the built .js files that hold a byte outside ASCII (with the offset of the first one).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const scripts = (path) =>
  statSync(path).isDirectory()
    ? readdirSync(path).flatMap((name) => scripts(join(path, name)))
    : path.endsWith(".js")
      ? [path]
      : [];

/** `file (byte N)` for each .js file of `paths` (files, or folders searched whole) with a non-ASCII byte. */
export const asciiOnlyProblems = (paths) =>
  paths.flatMap(scripts).flatMap((file) => {
    const at = readFileSync(file).findIndex((byte) => byte > 0x7f);
    return at === -1 ? [] : [`${file} (byte ${at})`];
  });
