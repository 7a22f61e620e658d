// Where the read token is kept between page loads: sessionStorage by default (this tab, until it
// closes: a shared or borrowed computer does not keep it), localStorage only when the user ticks
// "Remember on this browser". Never in the URL, a cookie or the server's logs. Storage that throws
// (disabled, private modes) falls back to memory for this page.

const KEY = "mlco2-dashboard-token";
let inMemory: string | null = null;

const storage = (kind: "session" | "local"): Storage | null => {
  try {
    return kind === "session" ? window.sessionStorage : window.localStorage;
  } catch {
    return null;
  }
};

/** The saved token, if any (this tab's first, then a remembered one). */
export const savedToken = (): string | null => {
  try {
    return storage("session")?.getItem(KEY) ?? storage("local")?.getItem(KEY) ?? inMemory;
  } catch {
    return inMemory;
  }
};

/** Where a token was saved. */
export type TokenPlace = "session" | "local" | "memory";

/** Keeps the token for this tab, or on this browser when `remember`; says where it went. */
export const saveToken = (token: string, remember: boolean): TokenPlace => {
  forgetToken();
  const place = remember ? "local" : "session";
  try {
    const target = storage(place);
    if (target !== null) {
      target.setItem(KEY, token);
      return place;
    }
  } catch {
    // Quota or disabled storage: memory only.
  }
  inMemory = token;
  return "memory";
};

/** Forgets the token everywhere (sign out, or a token the server refused). */
export const forgetToken = (): void => {
  inMemory = null;
  for (const place of ["session", "local"] as const) {
    try {
      storage(place)?.removeItem(KEY);
    } catch {
      // Nothing stored there.
    }
  }
};
