// Moving between routes from code: a new history entry (like a link), or replacing the current one
// (filters being typed, an automatic first step) so the back button skips them.
import { hrefOf, type Route } from "./route.ts";

/** Goes to `route`; with `replace`, without a new history entry. */
export const navigate = (route: Route, replace = false): void => {
  const href = hrefOf(route);
  if (location.hash === href) return;
  if (!replace) {
    location.hash = href;
    return;
  }
  history.replaceState(history.state, "", href);
  // replaceState fires no event of its own; the dashboard listens to this one.
  window.dispatchEvent(new HashChangeEvent("hashchange"));
};
