// One project: its totals by month or week and by person, and its runs with filters. Both are read again every 5 s
// while a listed run is running (15 s otherwise), so new runs and their figures show up by themselves.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { runsAnnouncement } from "./announce.ts";
import { PeopleTotalsSchema, ProjectsSchema, type RunItem, RunsSchema, TotalsSchema } from "./api-schemas.ts";
import { clockText } from "./format.ts";
import { navigate } from "./navigate.ts";
import { peopleNamesOf } from "./people.ts";
import { PeopleSection } from "./people-section.tsx";
import { Problem } from "./problem.tsx";
import { filtersQuery, type ProjectFilters, projectPath } from "./route.ts";
import { RunsFilters } from "./runs-filters.tsx";
import { RunsTable } from "./runs-table.tsx";
import { useSession } from "./session.ts";
import { TotalsSection } from "./totals-section.tsx";
import { usePolled } from "./use-polled.ts";

/** Poll intervals, ms: while a listed run is running, and otherwise. */
export const LIVE_EVERY_MS = 5_000;
export const IDLE_EVERY_MS = 15_000;
/** Performance mark set when a project's totals and runs are first on screen. */
export const OVERVIEW_MARK = "mlco2:dashboard-overview";
/** Runs per "Load older runs", and the most the API lists at once. */
const PAGE = 50;
const MOST = 1000;

/** Props of the project view. */
export interface ProjectViewProps {
  readonly project: string;
  readonly filters: ProjectFilters;
}

const runsQuery = (filters: ProjectFilters, limit: number): string => {
  const { by: _by, ...runFilters } = filters;
  const query = filtersQuery(runFilters);
  return `${query === "" ? "" : `${query}&`}limit=${limit}`;
};

/** The project view. */
export const ProjectView = ({ project, filters }: ProjectViewProps) => {
  const { api, announce } = useSession();
  const [limit, setLimit] = useState(PAGE);
  // The runs poll decides from what it read; the totals follow the last runs read.
  const live = useRef(false);
  // Nothing loaded yet (a missing project, say): no polling; the last good data keeps it going.
  const runsEvery = (data: { runs: readonly RunItem[] } | null) =>
    data === null ? null : data.runs.some((r) => r.status === "running") ? LIVE_EVERY_MS : IDLE_EVERY_MS;
  const by = filters.by ?? "month";
  const query = runsQuery(filters, limit);
  const base = projectPath(project);
  const runs = usePolled(
    `${base}/runs?${query}`,
    () => api.json(`${base}/runs?${query}`, RunsSchema),
    runsEvery,
  );
  const totals = usePolled(
    `${base}/totals?by=${by}`,
    () => api.json(`${base}/totals?by=${by}`, TotalsSchema),
    (data) => (data === null ? null : live.current ? LIVE_EVERY_MS : IDLE_EVERY_MS),
  );
  const people = usePolled(
    `${base}/totals?by=user`,
    () => api.json(`${base}/totals?by=user`, PeopleTotalsSchema),
    (data) => (data === null ? null : live.current ? LIVE_EVERY_MS : IDLE_EVERY_MS),
  );
  const projects = usePolled(
    "projects (picker)",
    () => api.json("projects", ProjectsSchema),
    () => null,
  );
  const list = runs.data?.runs ?? null;
  const shown = list !== null && totals.data !== null;
  useEffect(() => {
    // The bench's "first render": the totals and the runs list are on screen (once per page load).
    if (shown && performance.getEntriesByName(OVERVIEW_MARK).length === 0) performance.mark(OVERVIEW_MARK);
  }, [shown]);
  live.current = list?.some((r) => r.status === "running") ?? false;
  // What changed since the last poll of the same list is announced; a new list (filters) is not.
  const seen = useRef<{ query: string; runs: readonly RunItem[] } | null>(null);
  useEffect(() => {
    if (list === null) return;
    const previous = seen.current?.query === `${base}?${query}` ? seen.current.runs : null;
    const text = runsAnnouncement(previous, list);
    if (text !== null) announce(text);
    seen.current = { query: `${base}?${query}`, runs: list };
  }, [list, base, query, announce]);
  const filterKey = `${project}?${filtersQuery(filters)}`;
  useEffect(() => setLimit(PAGE), [filterKey]);
  const onFilters = useCallback(
    (next: ProjectFilters) => navigate({ kind: "project", project, filters: next }, true),
    [project],
  );
  const onProject = useCallback(
    (next: string) => navigate({ kind: "project", project: next, filters: {} }),
    [],
  );
  const names = projects.data?.projects.map((p) => p.name) ?? [project];
  return (
    <section aria-labelledby="view-title">
      <p class="crumbs">
        <a href="#/">Projects</a> /
      </p>
      <h2 id="view-title" tabIndex={-1} data-testid="project-name">
        {project}
      </h2>
      <TotalsSection
        totals={totals}
        by={by}
        onBy={(value) => navigate({ kind: "project", project, filters: { ...filters, by: value } }, true)}
      />
      <PeopleSection people={people} onPerson={(user) => onFilters({ ...filters, user })} />
      <section aria-labelledby="runs-title" class="panel">
        <div class="section-head">
          <h3 id="runs-title">Runs</h3>
          {runs.updatedAt === null ? null : (
            <span class="updated" data-testid="runs-updated">
              {live.current ? (
                <>
                  <span class="live-dot" aria-hidden="true">
                    ●
                  </span>{" "}
                  Live, updated {clockText(runs.updatedAt)}
                </>
              ) : (
                `Updated ${clockText(runs.updatedAt)}`
              )}
            </span>
          )}
        </div>
        <RunsFilters
          project={project}
          projects={names.includes(project) ? names : [project, ...names]}
          filters={filters}
          people={peopleNamesOf(people.data?.users ?? [])}
          onFilters={onFilters}
          onProject={onProject}
        />
        <Problem error={runs.error} stale={list !== null} retry={runs.reload} />
        {list === null ? null : list.length === 0 ? (
          <p data-testid="no-runs">No runs match.</p>
        ) : (
          <>
            <p class="hint" data-testid="runs-count">
              {list.length} run{list.length === 1 ? "" : "s"}, newest first
            </p>
            <RunsTable project={project} runs={list} />
            {runs.data?.next === null ? null : limit >= MOST ? (
              <p class="hint">The newest {MOST} are shown; narrow the filters to see older ones.</p>
            ) : (
              <button
                type="button"
                class="copy"
                data-testid="more-runs"
                onClick={() => setLimit(Math.min(MOST, limit + PAGE))}
              >
                Load older runs
              </button>
            )}
          </>
        )}
      </section>
    </section>
  );
};
