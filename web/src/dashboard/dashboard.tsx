// The dashboard's shell: sign-in until a token is accepted, then the view the address names (projects,
// a project, a run), one polite live region for what changes while it is open, and focus moved to the
// new view's heading on every navigation (keyboard and screen-reader users land on it).
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { createApi } from "./api.ts";
import { ProjectView } from "./project-view.tsx";
import { ProjectsView } from "./projects-view.tsx";
import { hrefOf, type Route, routeOf } from "./route.ts";
import { RunView } from "./run-view.tsx";
import { type Session, SessionContext } from "./session.ts";
import { SignIn } from "./sign-in.tsx";
import { forgetToken, savedToken, saveToken } from "./token-store.ts";

const routeKey = (route: Route) => hrefOf(route).split("?")[0] ?? "";

const View = ({
  route,
  openSingle,
  onProjects,
}: {
  route: Route;
  openSingle: boolean;
  onProjects: () => void;
}) => {
  if (route.kind === "run") return <RunView key={routeKey(route)} project={route.project} run={route.run} />;
  if (route.kind === "project")
    return <ProjectView key={routeKey(route)} project={route.project} filters={route.filters} />;
  return <ProjectsView openSingle={openSingle} onLoaded={onProjects} />;
};

/** The dashboard. */
export const Dashboard = () => {
  const [token, setToken] = useState<string | null>(() => savedToken());
  const [reason, setReason] = useState<string | null>(null);
  const [route, setRoute] = useState<Route>(() => routeOf(location.hash));
  const [live, setLive] = useState("");
  // The first projects view after opening or signing in opens the only project a read token has.
  const [openSingle, setOpenSingle] = useState(() => routeOf(location.hash).kind === "projects");
  useEffect(() => {
    const onHash = () => setRoute(routeOf(location.hash));
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  const signOut = useCallback((why?: string) => {
    forgetToken();
    setToken(null);
    setReason(why ?? null);
    setLive(why === undefined ? "Signed out." : `Signed out: ${why}`);
  }, []);
  const announce = useCallback((text: string) => setLive(text), []);
  const session = useMemo<Session | null>(
    () => (token === null ? null : { api: createApi(token), signOut, announce }),
    [token, signOut, announce],
  );
  const onProjects = useCallback(() => setOpenSingle(false), []);
  // Focus the new view's heading after a navigation (not on the first render: the page starts at its top).
  const key = session === null ? "sign-in" : routeKey(route);
  const shown = useRef(key);
  useEffect(() => {
    if (shown.current === key) return;
    shown.current = key;
    document.querySelector<HTMLElement>("main h2")?.focus();
  }, [key]);
  return (
    <>
      <header class="top">
        <div class="wrap header-row">
          <div>
            <h1>mlco2 dashboard</h1>
            <p class="tagline">Energy and emissions of every run sent to this server</p>
          </div>
          <nav aria-label="Dashboard">
            <a href="#/">Projects</a>
            <a href="calculator/">Calculator</a>
            {session === null ? null : (
              <button type="button" class="link" data-testid="sign-out" onClick={() => signOut()}>
                Sign out
              </button>
            )}
          </nav>
        </div>
      </header>
      <main class="wrap">
        {session === null ? (
          <SignIn
            reason={reason}
            onSignedIn={(value, remember) => {
              saveToken(value, remember);
              setReason(null);
              setOpenSingle(routeOf(location.hash).kind === "projects");
              setToken(value);
            }}
          />
        ) : (
          <SessionContext.Provider value={session}>
            <View route={route} openSingle={openSingle} onProjects={onProjects} />
          </SessionContext.Provider>
        )}
      </main>
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="live">
        {live}
      </p>
    </>
  );
};
