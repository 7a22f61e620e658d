// The Data section: every dataset and document the numbers come from, with its year and licence. The
// table (over a hundred rows) is folded away until asked for.
import { bundledSources as sources } from "../../src/data/dataset-of.ts";
import { ExternalLink } from "./external-link.tsx";

const licenced = [...sources].sort(
  (a, b) =>
    Number(b.licence !== undefined) - Number(a.licence !== undefined) ||
    a.publisher.localeCompare(b.publisher),
);

/** The sources table, collapsed. */
export const DataSources = () => (
  <>
    <p>
      Every number this page uses is bundled with it (nothing is fetched from anywhere else) and comes from
      one of these {sources.length} sources. Grid intensities are Electricity Maps' yearly averages (per zone,
      2021–2025) and Ember's latest country averages, as packaged by the Green Web Foundation's{" "}
      <code>@tgwf/co2</code>; cloud regions are mapped to grid zones by us. Figures without a licence are
      facts from the publisher's documents.
    </p>
    <details class="sources">
      <summary>All {sources.length} sources, with year and licence</summary>
      <div class="table-scroll">
        <table data-testid="sources">
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
                  {/^https?:\/\//.test(s.url) ? (
                    <ExternalLink href={s.url}>{s.title}</ExternalLink>
                  ) : (
                    <a href="#method">{s.title.replace(/\s*\(docs\/methodology\.md\)/, "")}</a>
                  )}
                </td>
                <td>{s.publisher}</td>
                <td class="num">{s.year}</td>
                <td>{s.licence ?? "facts, no licence stated"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  </>
);
