import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** An API answer kept on disk with the time it was read. */
export interface CachedAnswer {
  /** The request URL (without credentials: they travel in headers). */
  readonly url: string;
  /** When it was read, ISO 8601. */
  readonly retrievedAt: string;
  /** The JSON body. */
  readonly body: unknown;
}

/** Where answers are kept. */
export interface AnswerCache {
  /** The answer kept for a URL, or null. */
  readonly get: (url: string) => CachedAnswer | null;
  /** Keeps an answer (best effort: a cache that cannot be written is skipped). */
  readonly put: (answer: CachedAnswer) => void;
}

/** The default cache folder: $XDG_CACHE_HOME/mlco2, else ~/.cache/mlco2. */
export const defaultCacheDir = (env: Readonly<Record<string, string | undefined>>): string =>
  join(env.XDG_CACHE_HOME ?? join(env.HOME ?? homedir(), ".cache"), "mlco2");

const fileOf = (dir: string, url: string): string =>
  join(dir, `${createHash("sha256").update(url).digest("hex").slice(0, 32)}.json`);

/** A cache of one JSON file per URL in `dir`. */
export const diskCache = (dir: string): AnswerCache => ({
  get: (url) => {
    try {
      const parsed = JSON.parse(readFileSync(fileOf(dir, url), "utf8")) as Partial<CachedAnswer>;
      if (parsed.url !== url || typeof parsed.retrievedAt !== "string") return null;
      return { url, retrievedAt: parsed.retrievedAt, body: parsed.body };
    } catch {
      return null;
    }
  },
  put: (answer) => {
    try {
      mkdirSync(dir, { recursive: true });
      const file = fileOf(dir, answer.url);
      writeFileSync(`${file}.tmp`, JSON.stringify(answer));
      renameSync(`${file}.tmp`, file);
    } catch {
      // A read-only cache only costs a request next time.
    }
  },
});

/** A cache that keeps nothing. */
export const noCache: AnswerCache = { get: () => null, put: () => {} };
