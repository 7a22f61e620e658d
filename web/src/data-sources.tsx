// The Data page: every dataset and document the numbers come from, with its year and licence.
import { sources } from "../../src/data/index.ts";

const licenced = [...sources].sort(
  (a, b) =>
    Number(b.licence !== undefined) - Number(a.licence !== undefined) ||
    a.publisher.localeCompare(b.publisher),
);

/** A table of the sources table. */
export const DataSources = () => (
  <>
    <p>
      Every number this page uses is bundled with it (nothing is fetched at run time) and comes from one of
      these {sources.length} sources. Grid intensities are Electricity Maps' yearly averages (per zone,
      2021–2025) and Ember's latest country averages, as packaged by the Green Web Foundation's{" "}
      <code>@tgwf/co2</code>; cloud regions are mapped to grid zones by us. Figures without a licence are
      facts from the publisher's documents.
    </p>
    <div class="table-scroll">
      <table class="sources" data-testid="sources">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Publisher</th>
            <th scope="col">Year</th>
            <th scope="col">Licence</th>
          </tr>
        </thead>
        <tbody>
          {licenced.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={s.url} rel="noreferrer" target="_blank">
                  {s.title}
                </a>
              </td>
              <td>{s.publisher}</td>
              <td class="num">{s.year}</td>
              <td>{s.licence ?? "facts, no licence stated"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </>
);
