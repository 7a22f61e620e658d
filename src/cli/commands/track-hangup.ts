import { readlinkSync } from "node:fs";
import { basename, join } from "node:path";
import { readProcText } from "../../tracker/sensors/proc.ts";

const SIGHUP_BIT = 1n; // signal 1 is bit 0 of the SigIgn mask

const linkOf = (path: string): string | null => {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
};

/** The access mode of an open file descriptor (0 read, 1 write, 2 both), from /proc/self/fdinfo. */
const accessModeOf = (procRoot: string, fd: number): number | null => {
  const flags = /^flags:\s*([0-7]+)/m.exec(
    readProcText(join(procRoot, "self", "fdinfo", String(fd))) ?? "",
  )?.[1];
  return flags === undefined ? null : Number.parseInt(flags, 8) & 3;
};

/**
 * Whether this process was started to ignore hangups (`nohup mlco2 track …`).
 *
 * Node resets an inherited "ignore" of SIGHUP to the default before any JavaScript runs, so the mask in
 * /proc/self/status shows it only under a runtime that keeps it. nohup is therefore also recognised by
 * what it does to the standard streams that are a terminal: stdin reopened write-only on /dev/null (GNU
 * coreutils), stdout or stderr sent to a file named nohup.out (every nohup). A `nohup` whose streams are all
 * redirected away from the terminal leaves no trace that Node can see.
 */
export const hangupIgnored = (procRoot = "/proc"): boolean => {
  const status = readProcText(join(procRoot, "self", "status")) ?? "";
  const ignored = /^SigIgn:\s*([0-9a-f]+)/im.exec(status)?.[1];
  if (ignored !== undefined && (BigInt(`0x${ignored}`) & SIGHUP_BIT) !== 0n) return true;
  if (linkOf(join(procRoot, "self", "fd", "0")) === "/dev/null" && accessModeOf(procRoot, 0) === 1)
    return true;
  return [1, 2].some((fd) => {
    const target = linkOf(join(procRoot, "self", "fd", String(fd)));
    return target !== null && basename(target) === "nohup.out";
  });
};

/**
 * How to start a command so that it ignores SIGHUP as nohup meant: through the shell, which sets the
 * ignore and keeps it across exec (Node's own spawn resets every signal of the child to the default).
 */
export const withHangupIgnored = (file: string, args: readonly string[]): [string, string[]] => [
  "/bin/sh",
  ["-c", 'trap "" HUP; exec "$0" "$@"', file, ...args],
];
