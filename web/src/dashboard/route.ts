// Where the dashboard is: the projects, one project (with the runs list's filters), or one run. Kept in
// the address's #fragment, so the back button and shared links work and nothing reaches the server's
// logs (the token never appears here). Pure.

/** Where a run came from, as the API names it. */
export type Origin = "tracker" | "estimate" | "codecarbon";

/** Origins, in the order the filter offers them. */
export const ORIGINS: readonly Origin[] = ["tracker", "estimate", "codecarbon"];

/** The runs list's filters and the totals' period, as the project view keeps them. */
export interface ProjectFilters {
  /** Only runs of this origin. */
  readonly origin?: Origin;
  /** Only running or finished runs. */
  readonly status?: "running" | "finished";
  /** Runs with data on or after this day (YYYY-MM-DD). */
  readonly from?: string;
  /** Runs with data on or before this day (YYYY-MM-DD). */
  readonly to?: string;
  /** Run keys containing this text. */
  readonly q?: string;
  /** Only runs of this user. */
  readonly user?: string;
  /** Totals per week or month (default month). */
  readonly by?: "week" | "month";
}

/** A place in the dashboard. */
export type Route =
  | { readonly kind: "projects" }
  | { readonly kind: "project"; readonly project: string; readonly filters: ProjectFilters }
  | { readonly kind: "run"; readonly project: string; readonly run: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const decode = (part: string): string | null => {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
};

/** The filters a query string holds; unknown or malformed values are dropped. */
export const filtersOf = (query: string): ProjectFilters => {
  const params = new URLSearchParams(query);
  const origin = params.get("origin");
  const status = params.get("status");
  const from = params.get("from");
  const to = params.get("to");
  const q = params.get("q");
  const by = params.get("by");
  const user = params.get("user");
  return {
    ...(origin !== null && (ORIGINS as readonly string[]).includes(origin)
      ? { origin: origin as Origin }
      : {}),
    ...(status === "running" || status === "finished" ? { status } : {}),
    ...(from !== null && DATE.test(from) ? { from } : {}),
    ...(to !== null && DATE.test(to) ? { to } : {}),
    ...(q !== null && q.trim() !== "" ? { q } : {}),
    ...(user !== null && user.trim() !== "" ? { user } : {}),
    ...(by === "week" || by === "month" ? { by } : {}),
  };
};

/** The query string of filters (no leading "?"), keys in a fixed order. */
export const filtersQuery = (filters: ProjectFilters): string => {
  const params = new URLSearchParams();
  for (const key of ["origin", "status", "from", "to", "q", "user", "by"] as const) {
    const value = filters[key];
    if (value !== undefined && value !== "") params.set(key, value);
  }
  return params.toString();
};

/**
 * The route of a location hash.
 *
 * @example
 * routeOf("#/p/vision/r/job-42") // { kind: "run", project: "vision", run: "job-42" }
 */
export const routeOf = (hash: string): Route => {
  const text = hash.replace(/^#/, "");
  const mark = text.indexOf("?");
  const path = mark < 0 ? text : text.slice(0, mark);
  const query = mark < 0 ? "" : text.slice(mark + 1);
  const parts = path.split("/").filter((p) => p !== "");
  if (parts[0] !== "p" || parts[1] === undefined) return { kind: "projects" };
  const project = decode(parts[1]);
  if (project === null || project === "") return { kind: "projects" };
  if (parts.length === 2) return { kind: "project", project, filters: filtersOf(query) };
  const run = parts[2] === "r" && parts[3] !== undefined && parts.length === 4 ? decode(parts[3]) : null;
  if (run === null || run === "") return { kind: "project", project, filters: {} };
  return { kind: "run", project, run };
};

/**
 * The hash of a route (names encoded, so any name survives the round trip).
 *
 * @example
 * hrefOf({ kind: "run", project: "a/b", run: "x?y" }) // "#/p/a%2Fb/r/x%3Fy"
 */
export const hrefOf = (route: Route): string => {
  if (route.kind === "projects") return "#/";
  const project = `#/p/${encodeURIComponent(route.project)}`;
  if (route.kind === "run") return `${project}/r/${encodeURIComponent(route.run)}`;
  const query = filtersQuery(route.filters);
  return query === "" ? project : `${project}?${query}`;
};

/** API path of a project (names encoded). */
export const projectPath = (project: string): string => `projects/${encodeURIComponent(project)}`;

/** API path of a run (names encoded). */
export const runPath = (project: string, run: string): string =>
  `${projectPath(project)}/runs/${encodeURIComponent(run)}`;
