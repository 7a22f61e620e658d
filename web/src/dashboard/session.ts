// What every view reads with: the API for the signed-in token, how to sign out (a token the server
// refuses signs out with its reason), and the live region.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Api } from "./api.ts";

/** The signed-in session. */
export interface Session {
  /** Reads the API with the token. */
  readonly api: Api;
  /** Forgets the token; `reason` is shown on the sign-in form. */
  readonly signOut: (reason?: string) => void;
  /** Says `text` in the polite live region. */
  readonly announce: (text: string) => void;
}

/** The session's context (set by the dashboard once a token is accepted). */
export const SessionContext = createContext<Session | null>(null);

/** The session; views are only rendered inside one. */
export const useSession = (): Session => {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession outside a signed-in dashboard");
  return session;
};
