/** One HTTP answer with its JSON body (null when the body is not JSON). */
export interface HttpAnswer {
  /** HTTP status. */
  readonly status: number;
  /** Parsed JSON body, or null. */
  readonly body: unknown;
  /** Seconds from a Retry-After header, when given. */
  readonly retryAfterS: number | null;
}

/** A GET that answers JSON; throws only when no answer came (network, timeout). */
export type HttpGet = (url: string, headers: Readonly<Record<string, string>>) => Promise<HttpAnswer>;

/** Seconds to wait for an API before giving up. */
export const HTTP_TIMEOUT_S = 15;

/** The real GET, over Node's fetch, with a timeout. */
export const fetchJson: HttpGet = async (url, headers) => {
  const response = await fetch(url, {
    headers: { accept: "application/json", ...headers },
    signal: AbortSignal.timeout(HTTP_TIMEOUT_S * 1000),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text === "" ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  const retry = response.headers.get("retry-after");
  const retryAfterS = retry !== null && /^\d+$/.test(retry.trim()) ? Number(retry) : null;
  return { status: response.status, body, retryAfterS };
};
