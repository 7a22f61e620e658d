// API tokens: `mlco2_<id>_<secret>` — a 12-character public lookup id (base32, 60 bits) and a 256-bit
// random secret (base64url). Only SHA-256 of the whole token is stored. A fast hash is right here: the
// secret is random with 256 bits of entropy, so no guessing attack exists that a slow hash (bcrypt,
// argon2) would slow down; those exist for low-entropy passwords, and would cost ~100 ms per request.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A newly made token and what is stored of it. */
export interface MadeToken {
  /** The token, shown once. */
  readonly token: string;
  /** Public lookup id. */
  readonly id: string;
  /** Hex SHA-256 of the token. */
  readonly hash: string;
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const TOKEN_SHAPE = /^mlco2_([a-z2-7]{12})_[A-Za-z0-9_-]{43}$/;

/** Hex SHA-256 of a token. */
export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

/** A fresh random token. */
export const makeToken = (): MadeToken => {
  const idBytes = randomBytes(12);
  let id = "";
  for (const byte of idBytes) id += BASE32[byte & 31];
  const token = `mlco2_${id}_${randomBytes(32).toString("base64url")}`;
  return { token, id, hash: hashToken(token) };
};

/** The lookup id of a well-formed token, else null. */
export const tokenIdOf = (token: string): string | null => TOKEN_SHAPE.exec(token)?.[1] ?? null;

const DUMMY = hashToken("mlco2_aaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

/**
 * Whether `token` hashes to `storedHash`, compared in constant time (digests of equal length). With
 * `storedHash` null (unknown id) a dummy comparison keeps the timing the same, and the answer is false.
 */
export const tokenMatches = (token: string, storedHash: string | null): boolean => {
  const given = Buffer.from(hashToken(token), "hex");
  const stored = Buffer.from(storedHash ?? DUMMY, "hex");
  const same = stored.length === given.length && timingSafeEqual(stored, given);
  return same && storedHash !== null;
};
