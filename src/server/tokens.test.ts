import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRateLimiter } from "./rate-limit.ts";
import { hashToken, makeToken, tokenIdOf, tokenMatches } from "./tokens.ts";

describe("tokens", () => {
  it("are prefixed, carry a lookup id and 256 random bits, and are stored as SHA-256", () => {
    const a = makeToken();
    const b = makeToken();
    assert.match(a.token, /^mlco2_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a.token, b.token);
    assert.equal(tokenIdOf(a.token), a.id);
    assert.equal(a.hash, hashToken(a.token));
    // SHA-256 of "abc" (FIPS 180-2 test vector).
    assert.equal(hashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("match only the exact token", () => {
    const { token, hash } = makeToken();
    assert.equal(tokenMatches(token, hash), true);
    assert.equal(tokenMatches(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, hash), false);
    assert.equal(tokenMatches(token, null), false);
    assert.equal(tokenIdOf("mlco2_short_x"), null);
    assert.equal(tokenIdOf(`Bearer ${token}`), null);
  });
});

describe("rate limits", () => {
  it("allow a burst, then the steady rate, per key", () => {
    let now = 0;
    const limiter = createRateLimiter({ perSecond: 2, burst: 3 }, () => now);
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limiter.take("a")),
      [0, 0, 0, 1],
    );
    assert.equal(limiter.take("b"), 0);
    now = 500; // one more request refilled
    assert.deepEqual([limiter.take("a"), limiter.take("a")], [0, 1]);
    now = 10_000;
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limiter.take("a")),
      [0, 0, 0, 1],
      "refills up to the burst only",
    );
  });
});
