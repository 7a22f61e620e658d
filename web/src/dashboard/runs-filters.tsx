// The runs list's filters: project, origin, status, person, days (UTC) and text in run keys. Each change goes
// into the address (#…?origin=…), so a filtered list can be bookmarked; typed text applies once typing
// pauses.
import { useEffect, useState } from "preact/hooks";
import { ORIGIN_LABEL } from "./format.ts";
import { ORIGINS, type Origin, type ProjectFilters } from "./route.ts";

/** Pause after typing before the search applies, ms. */
const TYPING_PAUSE_MS = 300;

/** Props of the filters. */
export interface RunsFiltersProps {
  /** The project shown. */
  readonly project: string;
  /** Every project the token reads (a picker when more than one). */
  readonly projects: readonly string[];
  readonly filters: ProjectFilters;
  /** The project's named people (who ran its runs), for the person filter. */
  readonly people: readonly string[];
  /** New filters (same project). */
  readonly onFilters: (filters: ProjectFilters) => void;
  /** Another project. */
  readonly onProject: (project: string) => void;
}

const without = <K extends keyof ProjectFilters>(filters: ProjectFilters, key: K): ProjectFilters => {
  const { [key]: _dropped, ...rest } = filters;
  return rest;
};

const withValue = <K extends keyof ProjectFilters>(
  filters: ProjectFilters,
  key: K,
  value: ProjectFilters[K] | "",
): ProjectFilters =>
  value === "" || value === undefined ? without(filters, key) : { ...filters, [key]: value };

/** The filter form. */
export const RunsFilters = ({
  project,
  projects,
  filters,
  people,
  onFilters,
  onProject,
}: RunsFiltersProps) => {
  const [text, setText] = useState(filters.q ?? "");
  useEffect(() => setText(filters.q ?? ""), [filters.q]);
  useEffect(() => {
    if (text === (filters.q ?? "")) return;
    const timer = setTimeout(() => onFilters(withValue(filters, "q", text.trim())), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, filters, onFilters]);
  const badDates = filters.from !== undefined && filters.to !== undefined && filters.from > filters.to;
  const active = Object.keys(without(filters, "by")).length > 0;
  return (
    <form class="filters" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()} data-testid="filters">
      {projects.length > 1 ? (
        <div class="field">
          <label for="filter-project">Project</label>
          <select
            id="filter-project"
            data-testid="filter-project"
            value={project}
            onChange={(e) => onProject(e.currentTarget.value)}
          >
            {projects.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="field">
        <label for="filter-origin">Origin</label>
        <select
          id="filter-origin"
          data-testid="filter-origin"
          value={filters.origin ?? ""}
          onChange={(e) => onFilters(withValue(filters, "origin", e.currentTarget.value as Origin | ""))}
        >
          <option value="">Any</option>
          {ORIGINS.map((o) => (
            <option key={o} value={o}>
              {ORIGIN_LABEL[o]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-status">Status</label>
        <select
          id="filter-status"
          data-testid="filter-status"
          value={filters.status ?? ""}
          onChange={(e) =>
            onFilters(withValue(filters, "status", e.currentTarget.value as "running" | "finished" | ""))
          }
        >
          <option value="">Any</option>
          <option value="running">Running</option>
          <option value="finished">Finished</option>
        </select>
      </div>
      <div class="field">
        <label for="filter-user">Person</label>
        <select
          id="filter-user"
          data-testid="filter-user"
          value={filters.user ?? ""}
          onChange={(e) => onFilters(withValue(filters, "user", e.currentTarget.value))}
        >
          <option value="">Anyone</option>
          {(filters.user === undefined || people.includes(filters.user)
            ? people
            : [filters.user, ...people]
          ).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-from">From (UTC day)</label>
        <input
          id="filter-from"
          type="date"
          data-testid="filter-from"
          value={filters.from ?? ""}
          onChange={(e) => onFilters(withValue(filters, "from", e.currentTarget.value))}
        />
      </div>
      <div class={`field${badDates ? " invalid" : ""}`}>
        <label for="filter-to">To (UTC day)</label>
        <input
          id="filter-to"
          type="date"
          data-testid="filter-to"
          value={filters.to ?? ""}
          aria-invalid={badDates ? "true" : undefined}
          aria-describedby={badDates ? "filter-to-message" : undefined}
          onChange={(e) => onFilters(withValue(filters, "to", e.currentTarget.value))}
        />
        {badDates ? (
          <p id="filter-to-message" class="message" data-testid="filter-to-message">
            {filters.to} is before {filters.from}: no run can match.
          </p>
        ) : null}
      </div>
      <div class="field search">
        <label for="filter-q">Run key contains</label>
        <input
          id="filter-q"
          type="search"
          data-testid="filter-q"
          value={text}
          autocomplete="off"
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </div>
      {active ? (
        <button
          type="button"
          class="link clear"
          data-testid="filter-clear"
          onClick={() => onFilters(filters.by === undefined ? {} : { by: filters.by })}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
};
