// Every project the token reads, with its totals. A token that reads one project opens it at once.
import { useEffect } from "preact/hooks";
import { type ProjectItem, ProjectsSchema } from "./api-schemas.ts";
import { energyText, massText } from "./format.ts";
import { navigate } from "./navigate.ts";
import { Problem } from "./problem.tsx";
import { hrefOf } from "./route.ts";
import { ScrollTable } from "./scroll-table.tsx";
import { useSession } from "./session.ts";
import { usePolled } from "./use-polled.ts";

/** How often the projects are read again, ms. */
const EVERY_MS = 15_000;

/** Props of the projects view. */
export interface ProjectsViewProps {
  /** Open the only project at once (the first view after signing in). */
  readonly openSingle: boolean;
  /** Called once the projects are known. */
  readonly onLoaded: () => void;
}

const ProjectRow = ({ project }: { project: ProjectItem }) => (
  <tr>
    <th scope="row" class="name">
      <a href={hrefOf({ kind: "project", project: project.name, filters: {} })} data-testid="project-link">
        {project.name}
      </a>
    </th>
    <td class="num">{project.runs}</td>
    <td class="num">{energyText(project.energyKWh)}</td>
    <td class="num">{massText(project.emissionsKg)}</td>
    <td class="num">{project.lastDay ?? "–"}</td>
  </tr>
);

/** The projects table. */
export const ProjectsView = ({ openSingle, onLoaded }: ProjectsViewProps) => {
  const { api } = useSession();
  const projects = usePolled(
    "projects",
    () => api.json("projects", ProjectsSchema),
    (data) => (data === null ? null : EVERY_MS),
  );
  const list = projects.data?.projects ?? null;
  useEffect(() => {
    if (list === null) return;
    const [only] = list;
    if (openSingle && list.length === 1 && only !== undefined)
      navigate({ kind: "project", project: only.name, filters: {} }, true);
    onLoaded();
  }, [list, openSingle, onLoaded]);
  return (
    <section aria-labelledby="view-title">
      <h2 id="view-title" tabIndex={-1}>
        Projects
      </h2>
      <Problem error={projects.error} stale={list !== null} retry={projects.reload} />
      {list === null ? (
        projects.error === null ? (
          <p class="hint">Loading…</p>
        ) : null
      ) : list.length === 0 ? (
        <p data-testid="no-projects">
          No projects yet. Runs appear here once a tracker or mlco2 push sends them.
        </p>
      ) : (
        <ScrollTable label="Projects">
          <table data-testid="projects">
            <caption class="visually-hidden">Projects with their totals over every run</caption>
            <thead>
              <tr>
                <th scope="col">Project</th>
                <th scope="col">Runs</th>
                <th scope="col">Energy (IT)</th>
                <th scope="col">Emissions (location-based)</th>
                <th scope="col">Last day (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <ProjectRow key={p.name} project={p} />
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
};
