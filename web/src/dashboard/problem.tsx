// A failed read, said once where the data would be: what the server answered, and whether the figures
// on screen are the last ones loaded.
import type { ApiError } from "./api.ts";

/** Props of a problem note. */
export interface ProblemProps {
  /** The failure (nothing is shown without one). */
  readonly error: ApiError | null;
  /** Whether older data is still on screen. */
  readonly stale: boolean;
  /** Loads again (offered as "Try again"). */
  readonly retry?: () => void;
}

/** "Not updated: …" or "Could not load: …". */
export const Problem = ({ error, stale, retry }: ProblemProps) =>
  error === null ? null : (
    <div class="no-result" data-testid="problem">
      <p>
        {stale ? "Not updated: " : "Could not load: "}
        {error.message}
        {error.path === "" ? "" : ` (${error.path})`}
        {retry === undefined ? null : (
          <>
            {" "}
            <button type="button" class="link" onClick={retry} data-testid="retry">
              Try again
            </button>
          </>
        )}
      </p>
    </div>
  );
