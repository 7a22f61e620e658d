// A project's totals per person (who ran each run: the tracker's --user, SLURM_JOB_USER or login name,
// an estimate's user), per origin: location-based and market-based emissions, energy and runs. A name
// filters the runs list below to that person's runs.
import type { PersonTotals } from "./api-schemas.ts";
import { energyText, massText, ORIGIN_LABEL } from "./format.ts";
import { peopleRowsOf, personText } from "./people.ts";
import { Problem } from "./problem.tsx";
import { ScrollTable } from "./scroll-table.tsx";
import type { Polled } from "./use-polled.ts";

/** Props of the section. */
export interface PeopleSectionProps {
  /** The totals per person as loaded. */
  readonly people: Polled<{ readonly users: readonly PersonTotals[] }>;
  /** Shows that person's runs (a named person only). */
  readonly onPerson: (user: string) => void;
}

/** The market-based figure, with the location-based emissions it covers when that is not all of them. */
const marketText = (p: PersonTotals): string => {
  if (p.marketCoveredKg <= 0) return "–";
  const whole = Math.abs(p.marketCoveredKg - p.emissionsKg) <= 1e-9 * Math.max(1, p.emissionsKg);
  return whole
    ? massText(p.marketBasedKg)
    : `${massText(p.marketBasedKg)}, for ${massText(p.marketCoveredKg)} of the location-based figure`;
};

const PersonRow = ({ row, onPerson }: { row: PersonTotals; onPerson: (user: string) => void }) => (
  <tr data-testid="person-row" data-user={personText(row.user)} data-origin={row.origin}>
    <th scope="row" class="name">
      {row.user === null ? (
        <span class="hint">{personText(null)}</span>
      ) : (
        <button type="button" class="link" data-testid="person-link" onClick={() => onPerson(row.user ?? "")}>
          {row.user}
        </button>
      )}
    </th>
    <td>{ORIGIN_LABEL[row.origin]}</td>
    <td class="num" data-testid="person-emissions" data-value={String(row.emissionsKg)}>
      {massText(row.emissionsKg)}
    </td>
    <td class="long-text" data-testid="person-market" data-value={String(row.marketBasedKg)}>
      {marketText(row)}
    </td>
    <td class="num" data-testid="person-energy" data-value={String(row.energyKWh)}>
      {energyText(row.energyKWh)}
    </td>
    <td class="num" data-testid="person-runs">
      {row.runs}
    </td>
  </tr>
);

/** The section. */
export const PeopleSection = ({ people, onPerson }: PeopleSectionProps) => {
  const rows = people.data === null ? null : peopleRowsOf(people.data.users);
  return (
    <section aria-labelledby="people-title" class="panel">
      <div class="section-head">
        <h3 id="people-title">By person</h3>
      </div>
      <Problem error={people.error} stale={rows !== null} retry={people.reload} />
      {rows === null ? null : rows.length === 0 ? (
        <p class="hint">No energy recorded yet.</p>
      ) : (
        <ScrollTable label="Totals by person">
          <table data-testid="people">
            <caption class="visually-hidden">
              Totals by person and origin, most emissions first; runs that recorded no user as unknown
            </caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Origin</th>
                <th scope="col">Emissions (location-based)</th>
                <th scope="col">Market-based</th>
                <th scope="col">Energy (IT)</th>
                <th scope="col">Runs</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <PersonRow key={`${row.user ?? "\u0000"} ${row.origin}`} row={row} onPerson={onPerson} />
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
};
