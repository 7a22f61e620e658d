// A link to a source of the dataset: publisher, year, and the title on hover. The project's own method
// (docs/methodology.md in the repository, which a visitor cannot open) links the page's "How it is
// computed" section instead.
import type { Source } from "../../src/data/types.ts";
import { ExternalLink } from "./external-link.tsx";

/** Props of a source link. */
export interface SourceLinkProps {
  readonly source: Source;
  /** The year the value speaks for, when it differs from the document's. */
  readonly year?: number | null;
  /** Where the project's own method is explained (default {@link METHOD_HREF}). */
  readonly methodHref?: string;
}

/** Where the page explains its own method and defaults. */
export const METHOD_HREF = "#method";

/** True for a source a visitor can open on the web. */
const onTheWeb = (source: Source) => /^https?:\/\//.test(source.url);

/** "Publisher, year" linking to the source. */
export const SourceLink = ({ source, year, methodHref = METHOD_HREF }: SourceLinkProps) => {
  const text = `${source.publisher.split(";")[0]}, ${year ?? source.year}`;
  return onTheWeb(source) ? (
    <ExternalLink href={source.url} title={source.title}>
      {text}
    </ExternalLink>
  ) : (
    <a href={methodHref} title="How this page computes: its method and defaults">
      {text}
    </a>
  );
};
