// A run's nodes (machine and rank) with each log's component streams, and how each component was read
// (method and sensor) with its energy: what the figures rest on.
import type { RunDetail } from "./api-schemas.ts";
import { energyText, powerText, utcText } from "./format.ts";
import { ScrollTable } from "./scroll-table.tsx";

/** The nodes table: one row per component stream. */
export const NodesTable = ({ nodes }: { nodes: RunDetail["nodes"] }) => (
  <ScrollTable label="Nodes">
    <table data-testid="nodes">
      <caption class="visually-hidden">Nodes, their logs and component streams</caption>
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">Log</th>
          <th scope="col">Component</th>
          <th scope="col">Method</th>
          <th scope="col">Samples</th>
          <th scope="col">Energy (IT)</th>
          <th scope="col">Last power</th>
          <th scope="col">Last sample</th>
        </tr>
      </thead>
      <tbody>
        {nodes.flatMap((node) =>
          node.logs.flatMap((log) =>
            (log.series.length === 0 ? [null] : log.series).map((s, i) => (
              <tr key={`${node.hostname}:${node.rank} ${log.logId} ${s?.key ?? ""}`} data-testid="node-row">
                {i === 0 ? (
                  <th scope="row" class="name" rowSpan={Math.max(1, log.series.length)}>
                    {node.hostname}:{node.rank}
                  </th>
                ) : null}
                {i === 0 ? (
                  <td class="long-text" rowSpan={Math.max(1, log.series.length)}>
                    <code class="log-id">{log.logId}</code>
                    <br />
                    {log.finished ? "finished" : "running"}
                  </td>
                ) : null}
                {s === null ? (
                  <td colSpan={6}>No samples yet</td>
                ) : (
                  <>
                    <td>{s.key}</td>
                    <td>
                      <span class={`kind kind-${s.method}`}>{s.method}</span> {s.via}
                    </td>
                    <td class="num">{s.samples}</td>
                    <td class="num">{energyText(s.energyKWh)}</td>
                    <td class="num">{powerText(s.lastPowerW)}</td>
                    <td class="num">{utcText(s.lastTime)}</td>
                  </>
                )}
              </tr>
            )),
          ),
        )}
      </tbody>
    </table>
  </ScrollTable>
);

/** Component × method × sensor, with the energy each accounts for. */
export const MethodsTable = ({ methods }: { methods: RunDetail["methods"] }) => (
  <ScrollTable label="How each component was read">
    <table data-testid="methods">
      <caption class="visually-hidden">How each component was read</caption>
      <thead>
        <tr>
          <th scope="col">Component</th>
          <th scope="col">Method</th>
          <th scope="col">How</th>
          <th scope="col">Streams</th>
          <th scope="col">Energy (IT)</th>
        </tr>
      </thead>
      <tbody>
        {methods.map((m) => (
          <tr key={`${m.component} ${m.method} ${m.via}`}>
            <th scope="row">{m.component}</th>
            <td>
              <span class={`kind kind-${m.method}`}>{m.method}</span>
            </td>
            <td>{m.via}</td>
            <td class="num">{m.series}</td>
            <td class="num">{energyText(m.energyKWh)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </ScrollTable>
);
