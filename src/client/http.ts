// One HTTP exchange with the server, never throwing: an answer, or why there is none.

/** What came back. */
export type Exchange =
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  | {
      readonly ok: false;
      /** HTTP status (0: no answer: refused, reset, timed out). */
      readonly status: number;
      /** Worth trying again later (no answer, 408, 429, 5xx). */
      readonly retry: boolean;
      /** Seconds the server asked to wait (429 Retry-After). */
      readonly retryAfterS: number | null;
      /** One line: the server's problem message, or the network error. */
      readonly reason: string;
      /** The answer's body (parsed JSON, or its text; null when there was no answer). */
      readonly body: unknown;
    };

/** The fetch the client uses (injectable for tests). */
export type Fetch = typeof fetch;

const reasonOf = (body: unknown, status: number): string => {
  if (typeof body === "object" && body !== null && "message" in body) {
    const { path, message } = body as { path?: unknown; message?: unknown };
    return `${typeof path === "string" && path !== "" ? `${path}: ` : ""}${String(message)}`;
  }
  return `HTTP ${status}`;
};

/** Sends a request with the bearer token; JSON body text when given. */
export const exchange = async (
  fetchFn: Fetch,
  url: string,
  token: string,
  init: { method: "GET" | "POST"; body?: string; timeoutMs: number },
): Promise<Exchange> => {
  try {
    const response = await fetchFn(url, {
      method: init.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(init.body === undefined ? {} : { body: init.body }),
      signal: AbortSignal.timeout(init.timeoutMs),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    if (response.ok) return { ok: true, status: response.status, body };
    const status = response.status;
    const after = Number(response.headers.get("retry-after"));
    return {
      ok: false,
      status,
      retry: status === 408 || status === 429 || status >= 500,
      retryAfterS: Number.isFinite(after) && after > 0 ? after : null,
      reason: reasonOf(body, status),
      body,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const name = (error as { name?: string }).name;
    const reason =
      name === "TimeoutError"
        ? `no answer within ${init.timeoutMs} ms`
        : (cause ?? (error instanceof Error ? error.message : String(error)));
    return { ok: false, status: 0, retry: true, retryAfterS: null, reason, body: null };
  }
};
