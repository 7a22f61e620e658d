// Loads data for a view and, while `everyMs` says so, loads it again: every few seconds while a run is
// live, less often otherwise, never while the tab is hidden (and at once when it shows again). A 401
// signs out with the server's reason; other failures keep the last data and say why it is not updated.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "./api.ts";
import { useSession } from "./session.ts";

/** What a polled view has. */
export interface Polled<T> {
  /** The last data loaded for this key (null until the first load). */
  readonly data: T | null;
  /** Why the last load failed (null when it worked). */
  readonly error: ApiError | null;
  /** When the data was last loaded, epoch ms. */
  readonly updatedAt: number | null;
  /** Loads again now. */
  readonly reload: () => void;
}

interface State<T> {
  readonly key: string;
  readonly data: T | null;
  readonly error: ApiError | null;
  readonly updatedAt: number | null;
}

const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError(0, "internal", "", String(error));

/**
 * `load` for `key` (a new key starts afresh), again every `everyMs(data)` ms while that is not null.
 *
 * @example
 * const runs = usePolled(`runs ${query}`, () => api.json(`…/runs?${query}`, RunsSchema), (d) => (live(d) ? 5000 : 15000));
 */
export const usePolled = <T>(
  key: string,
  load: () => Promise<T>,
  everyMs: (data: T | null) => number | null,
): Polled<T> => {
  const { signOut } = useSession();
  const [state, setState] = useState<State<T>>({ key, data: null, error: null, updatedAt: null });
  const [reloads, setReloads] = useState(0);
  const latest = useRef({ load, everyMs, key, data: null as T | null });
  latest.current.load = load;
  latest.current.everyMs = everyMs;
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    const run = async () => {
      if (cancelled || inFlight) return;
      clearTimeout(timer);
      inFlight = true;
      try {
        const data = await latest.current.load();
        if (cancelled) return;
        latest.current.data = data;
        setState({ key, data, error: null, updatedAt: Date.now() });
      } catch (error) {
        if (cancelled) return;
        const problem = asApiError(error);
        if (problem.status === 401) {
          signOut(problem.message);
          return;
        }
        setState((s) => ({ ...(s.key === key ? s : { key, data: null, updatedAt: null }), error: problem }));
      } finally {
        inFlight = false;
      }
      const every = latest.current.everyMs(latest.current.data);
      if (!cancelled && every !== null && document.visibilityState === "visible")
        timer = setTimeout(run, every);
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") void run();
    };
    if (latest.current.key !== key) {
      latest.current.key = key;
      latest.current.data = null;
    }
    document.addEventListener("visibilitychange", onVisibility);
    void run();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [key, reloads, signOut]);
  const current = state.key === key ? state : { data: null, error: null, updatedAt: null };
  return {
    data: current.data,
    error: current.error,
    updatedAt: current.updatedAt,
    reload: () => setReloads((n) => n + 1),
  };
};
