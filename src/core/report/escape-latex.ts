/** LaTeX replacements for characters that are special in text mode or outside plain ASCII fonts. */
const LATEX_REPLACEMENTS: Readonly<Record<string, string>> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  $: "\\$",
  "&": "\\&",
  "#": "\\#",
  "%": "\\%",
  _: "\\_",
  "^": "\\textasciicircum{}",
  "~": "\\textasciitilde{}",
  "<": "\\textless{}",
  ">": "\\textgreater{}",
  "|": "\\textbar{}",
  "×": "$\\times$",
  "–": "--",
  "—": "---",
  "≈": "$\\approx$",
  "≥": "$\\geq$",
  "≤": "$\\leq$",
  "±": "$\\pm$",
  µ: "$\\mu$",
  "°": "$^\\circ$",
  "₂": "$_2$",
};

const SPECIAL = /[\\{}$&#%_^~<>|×–—≈≥≤±µ°₂]/g;

/**
 * Escapes text for a LaTeX paragraph: `\ { } $ & # % _ ^ ~ < > |` and a few symbols pdflatex has no
 * glyph for in text mode (×, –, ≈ …).
 *
 * @example
 * escapeLatex("100% of us-east_1 & more") // "100\\% of us-east\\_1 \\& more"
 */
export const escapeLatex = (text: string): string => text.replace(SPECIAL, (c) => LATEX_REPLACEMENTS[c] ?? c);
