// Every factor of a result with its value, kind and source: the calculator's result and the dashboard's
// run show the same table. The rows are built when the table is opened.
import { useState } from "preact/hooks";
import { formatQuantity, sig3 } from "../../src/core/format-number.ts";
import type { Factor } from "../../src/core/types.ts";
import { unsourcedFactorLabel } from "../../src/core/unsourced-factor.ts";
import { MethodText } from "./method-text.tsx";
import { METHOD_HREF, SourceLink } from "./source-link.tsx";

/** Props of the factor table. */
export interface FactorTableProps {
  readonly factors: readonly Factor[];
  /** Where "how it is computed" links to (default: the calculator's own section). */
  readonly methodHref?: string;
  /** Open from the start. */
  readonly open?: boolean;
  /** The disclosure's title (default "Every factor and its source"). */
  readonly title?: string;
  /** The disclosure's test id. */
  readonly testId?: string;
}

const FactorRow = ({ factor, methodHref }: { factor: Factor; methodHref: string }) => (
  <tr>
    <th scope="row">{factor.name}</th>
    <td class="num">
      {factor.unit === "share"
        ? `${sig3(factor.value * 100)} %`
        : `${formatQuantity(factor.value)} ${factor.unit}`}
    </td>
    <td>
      <span class={`kind kind-${factor.kind}`}>{factor.kind}</span>
    </td>
    <td>
      {factor.source === null ? (
        <MethodText text={unsourcedFactorLabel(factor.kind)} href={methodHref} />
      ) : (
        <SourceLink source={factor.source} year={factor.year} methodHref={methodHref} />
      )}
      {factor.note === undefined ? null : (
        <span class="note">
          {" "}
          · <MethodText text={factor.note} href={methodHref} />
        </span>
      )}
    </td>
  </tr>
);

/** Every factor and its source, in a disclosure. */
export const FactorTable = ({
  factors,
  methodHref = METHOD_HREF,
  open: openFirst = false,
  title = "Every factor and its source",
  testId,
}: FactorTableProps) => {
  const [open, setOpen] = useState(openFirst);
  return (
    <details
      class="factors"
      data-testid={testId}
      open={openFirst}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        {title} ({factors.length})
      </summary>
      {open ? (
        <div class="table-scroll">
          <table data-testid="factors">
            <thead>
              <tr>
                <th scope="col">Factor</th>
                <th scope="col">Value</th>
                <th scope="col">Kind</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {factors.map((f) => (
                <FactorRow key={f.name} factor={f} methodHref={methodHref} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
};
