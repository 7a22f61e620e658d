/** A usage error for the CLI: one line on stderr, exit code 2 (or another code, e.g. 127). */
export class CliError extends Error {
  /** Process exit code. */
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** Names of core input fields as CLI flags. */
const FLAG_BY_PATH: Readonly<Record<string, string>> = {
  hardware: "--hardware",
  watts: "--watts",
  count: "--count",
  hours: "--hours",
  deviceHours: "--device-hours",
  utilization: "--utilization",
  region: "--region",
  country: "--country",
  zone: "--zone",
  intensity: "--intensity",
  year: "--year",
  pue: "--pue",
  cpu: "--cpu",
  cpuCount: "--cpu-count",
  cpuUtilization: "--cpu-utilization",
  memoryGB: "--memory-gb",
  location: "location",
};

/** The flag spelling of a core input path. */
export const flagOf = (path: string): string => FLAG_BY_PATH[path] ?? path;

/** Rewrites a core message that starts with "field:" to start with the flag, e.g. "--device-hours:". */
export const messageWithFlag = (path: string, message: string): string => {
  const prefix = `${path}:`;
  return message.startsWith(prefix) ? `${flagOf(path)}:${message.slice(prefix.length)}` : message;
};
