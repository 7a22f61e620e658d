/**
 * Wraps `text` to `width` columns. Leading spaces of the first line are kept; continuation lines are
 * indented by `indent` spaces.
 */
export const wrapText = (text: string, width = 80, indent = 0): string => {
  const lead = text.length - text.trimStart().length;
  const words = text.trimStart().split(" ");
  const lines: string[] = [];
  let line = " ".repeat(lead);
  let empty = true;
  for (const word of words) {
    const candidate = empty ? line + word : `${line} ${word}`;
    if (candidate.length > width && !empty) {
      lines.push(line);
      line = " ".repeat(indent) + word;
    } else {
      line = candidate;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join("\n");
};
