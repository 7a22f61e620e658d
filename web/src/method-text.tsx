// Engine texts may point at docs/methodology.md, a file in the repository a visitor cannot open: the
// page shows those mentions as links to its own "How it is computed" section.
import { METHOD_HREF } from "./source-link.tsx";

const MENTION = /docs\/methodology\.md/;

/** The text with every mention of docs/methodology.md turned into a link to `href` (default: in-page). */
export const MethodText = ({ text, href = METHOD_HREF }: { text: string; href?: string }) => {
  const parts = text.split(MENTION);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 ? <a href={href}>how it is computed</a> : null}
          {part}
        </span>
      ))}
    </>
  );
};
