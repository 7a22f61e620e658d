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
export const fetchJson: HttpGet = (url, headers) => getJson(url, headers, null);

/** The real GET that `signal` also aborts (a tracker ending while a refresh is in flight). */
export const abortableFetchJson =
  (signal: AbortSignal): HttpGet =>
  (url, headers) =>
    getJson(url, headers, signal);

const getJson = async (
  url: string,
  headers: Readonly<Record<string, string>>,
  signal: AbortSignal | null,
): Promise<HttpAnswer> => {
  const timeout = AbortSignal.timeout(HTTP_TIMEOUT_S * 1000);
  const response = await fetch(url, {
    headers: { accept: "application/json", ...headers },
    signal: signal === null ? timeout : AbortSignal.any([signal, timeout]),
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
