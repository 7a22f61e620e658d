// `mlco2 serve`: starts the server, prints its URL (and the first admin token, once), serves until a signal.
import { outOfRange } from "../../core/problems.ts";
import { dataset } from "../../data/index.ts";
import { ServerError, serveUntilSignal } from "../../server/node.ts";
import { CliError, problemsError } from "../cli-error.ts";
import type { CliIo } from "../command-context.ts";
import { parseIntegerFlag, parseNumberFlag } from "../parse-values.ts";
import { type StoreFlags, storeLocationOf } from "./serve-flags.ts";

/** Flags of `mlco2 serve`. */
export interface ServeFlags extends StoreFlags {
  readonly host?: string;
  readonly port?: string;
  readonly otlp?: string;
  readonly otlpInterval?: string;
}

const portOf = (text: string | undefined): number => {
  if (text === undefined) return 8080;
  const port = parseIntegerFlag("--port", text, "a port from 0 to 65535");
  if (port < 0 || port > 65535)
    throw problemsError([outOfRange("--port", port, "a port from 0 to 65535")], (p) => p);
  return port;
};

const otlpOf = (flags: ServeFlags): { url: string; intervalMs: number } | null => {
  if (flags.otlp === undefined) {
    if (flags.otlpInterval !== undefined)
      throw new CliError("--otlp-interval: give --otlp too", { code: "required" });
    return null;
  }
  if (!/^https?:\/\/[^\s]+$/.test(flags.otlp))
    throw new CliError(`--otlp: expected an http(s) URL such as http://127.0.0.1:4318/v1/metrics`, {
      code: "invalid",
    });
  const seconds =
    flags.otlpInterval === undefined
      ? 15
      : parseNumberFlag("--otlp-interval", flags.otlpInterval, "seconds from 1 to 3600");
  if (seconds < 1 || seconds > 3600)
    throw problemsError([outOfRange("--otlp-interval", seconds, "seconds from 1 to 3600")], (p) => p);
  return { url: flags.otlp, intervalMs: seconds * 1000 };
};

/** Runs the server until SIGINT/SIGTERM; returns the exit code. */
export const runServe = async (flags: ServeFlags, io: CliIo): Promise<number> => {
  const location = storeLocationOf(flags, io);
  const port = portOf(flags.port);
  const otlp = otlpOf(flags);
  const now = io.now ?? (() => new Date());
  const started = performance.now();
  try {
    await serveUntilSignal(
      {
        host: flags.host ?? "127.0.0.1",
        port,
        location,
        ...(otlp === null ? {} : { otlp: otlp.url, otlpIntervalMs: otlp.intervalMs }),
        dataset,
        now,
        log: (line) => io.stderr(`mlco2 serve: ${line}\n`),
      },
      (server) => {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        // One write, so a reader of the pipe sees the URL and the token together.
        let text = `mlco2 server: ${server.url} (${server.storeDescription}; ready in ${seconds} s)\n`;
        if (server.adminToken !== null)
          text += `Admin token (shown once; keep it secret, it manages everything):\n${server.adminToken}\nMake project tokens with: mlco2 serve token create --project NAME --scope ingest|read (server stopped), or POST /api/v1/tokens\n`;
        io.stdout(text);
        if (!server.pages.calculator)
          io.stderr("mlco2 serve: web/dist not found: /calculator/ is off (npm run build:web)\n");
        if (flags.host !== undefined && flags.host !== "127.0.0.1" && flags.host !== "localhost")
          io.stderr(
            `mlco2 serve: listening on ${flags.host}: reachable from other machines; put TLS in front of it\n`,
          );
      },
    );
    return 0;
  } catch (error) {
    if (error instanceof ServerError)
      throw new CliError(`serve: ${error.message}`, { code: error.code, exitCode: 1, cause: error });
    throw error;
  }
};
