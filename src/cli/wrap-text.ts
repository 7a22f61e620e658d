/** Wraps `text` to `width` columns, indenting continuation lines by `indent` spaces. */
export const wrapText = (text: string, width = 80, indent = 0): string => {
  const words = text.split(" ");
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line.length === 0 ? word : `${line} ${word}`;
    if (candidate.length > width && line.length > 0) {
      lines.push(line);
      line = `${" ".repeat(indent)}${word}`;
    } else {
      line = candidate;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.join("\n");
};
