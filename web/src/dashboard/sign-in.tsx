// The read token, entered once: checked against the server before it is kept (token-store.ts says
// where and why). A refused token is not kept, and the server's reason is shown next to the field.
import { useState } from "preact/hooks";
import { ApiError, createApi } from "./api.ts";
import { ProjectsSchema } from "./api-schemas.ts";

/** The shape of an mlco2 token (src/server/tokens.ts). */
const TOKEN_SHAPE = /^mlco2_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/;

/** Props of the sign-in form. */
export interface SignInProps {
  /** Why the last session ended (a revoked token, say), shown first. */
  readonly reason: string | null;
  /** Called with a token the server accepted. */
  readonly onSignedIn: (token: string, remember: boolean) => void;
}

/** The sign-in form. */
export const SignIn = ({ reason, onSignedIn }: SignInProps) => {
  const [token, setToken] = useState("");
  const [remember, setRemember] = useState(false);
  const [message, setMessage] = useState<string | null>(reason === null ? null : `Signed out: ${reason}`);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const value = token.trim();
    if (!TOKEN_SHAPE.test(value)) {
      setMessage(
        value === ""
          ? "Paste a read token first."
          : "This is not an mlco2 token: expected mlco2_, 12 letters or digits, _, and 43 more characters.",
      );
      return;
    }
    setBusy(true);
    try {
      await createApi(value).json("projects", ProjectsSchema);
      onSignedIn(value, remember);
    } catch (error) {
      setMessage(
        error instanceof ApiError && (error.status === 401 || error.status === 403)
          ? `The server refused this token: ${error.message}`
          : `Not signed in: ${(error as Error).message}`,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="sign-in panel" onSubmit={submit} data-testid="sign-in-form">
      <h2 tabIndex={-1}>Sign in</h2>
      <p>
        The dashboard reads the server with a <strong>read token</strong> (an admin token reads every
        project). Make one on the server with{" "}
        <code>mlco2 serve token create --project NAME --scope read</code>.
      </p>
      <div class={`field${message === null ? "" : " invalid"}`}>
        <label for="token">Read token</label>
        <input
          id="token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          data-testid="token"
          value={token}
          aria-invalid={message === null ? undefined : "true"}
          aria-describedby={message === null ? "token-hint" : "token-message token-hint"}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
        {message === null ? null : (
          <p id="token-message" class="message" role="alert" data-testid="token-message">
            {message}
          </p>
        )}
        <p id="token-hint" class="hint">
          Kept in this tab only (sessionStorage, gone when the tab closes) unless you tick the box below;
          never put in a link.
        </p>
      </div>
      <div class="field inline">
        <input
          id="remember"
          type="checkbox"
          data-testid="remember"
          checked={remember}
          onChange={(e) => setRemember(e.currentTarget.checked)}
        />
        <label for="remember">Remember on this browser (localStorage, until you sign out)</label>
      </div>
      <button type="submit" class="primary" data-testid="sign-in" disabled={busy}>
        {busy ? "Checking…" : "Open the dashboard"}
      </button>
    </form>
  );
};
