// A link to a source of the dataset: publisher, year, and the title on hover.
import type { Source } from "../../src/data/types.ts";

/** Props of a source link. */
export interface SourceLinkProps {
  readonly source: Source;
  /** The year the value speaks for, when it differs from the document's. */
  readonly year?: number | null;
}

/** "Publisher, year" linking to the source. */
export const SourceLink = ({ source, year }: SourceLinkProps) => (
  <a href={source.url} title={source.title} rel="noreferrer" target="_blank">
    {source.publisher.split(";")[0]}, {year ?? source.year}
  </a>
);
