// The runs of a project, newest first: key (a link to the run), status, figures, when, who, origin, nodes.
import type { RunItem } from "./api-schemas.ts";
import { energyText, massText, ORIGIN_LABEL, utcText } from "./format.ts";
import { personText } from "./people.ts";
import { hrefOf } from "./route.ts";
import { ScrollTable } from "./scroll-table.tsx";

/** "● running" or "finished", in words for everyone. */
export const StatusBadge = ({ status }: { status: "running" | "finished" }) => (
  <span class={`status status-${status}`} data-testid="status">
    {status === "running" ? (
      <>
        <span aria-hidden="true">● </span>running
      </>
    ) : (
      "finished"
    )}
  </span>
);

const RunRow = ({ project, run }: { project: string; run: RunItem }) => (
  <tr data-testid="run-row" data-key={run.key}>
    <th scope="row" class="name">
      <a href={hrefOf({ kind: "run", project, run: run.key })} data-testid="run-link">
        {run.key}
      </a>
    </th>
    <td>
      <StatusBadge status={run.status} />
    </td>
    <td class="num" data-testid="run-emissions" data-value={String(run.emissionsKg)}>
      {massText(run.emissionsKg)}
    </td>
    <td class="num" data-testid="run-energy" data-value={String(run.energyKWh)}>
      {energyText(run.energyKWh)}
    </td>
    <td class="num">{utcText(run.startedAt ?? run.createdAt)}</td>
    <td data-testid="run-user" class={typeof run.user === "string" ? undefined : "hint"}>
      {personText(run.user)}
    </td>
    <td>{ORIGIN_LABEL[run.origin]}</td>
    <td class="num">{run.nodes}</td>
    <td class="num">{utcText(run.lastTime)}</td>
  </tr>
);

/** Props of the runs table. */
export interface RunsTableProps {
  readonly project: string;
  readonly runs: readonly RunItem[];
}

/** The table. */
export const RunsTable = ({ project, runs }: RunsTableProps) => (
  <ScrollTable label="Runs">
    <table data-testid="runs">
      <caption class="visually-hidden">Runs, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Status</th>
          <th scope="col">Emissions</th>
          <th scope="col">Energy (IT)</th>
          <th scope="col">Started</th>
          <th scope="col">Person</th>
          <th scope="col">Origin</th>
          <th scope="col">Nodes</th>
          <th scope="col">Last sample</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <RunRow key={run.key} project={project} run={run} />
        ))}
      </tbody>
    </table>
  </ScrollTable>
);
