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

// As \u escapes: the bundles stay ASCII (scripts/build.mjs).
const SPECIAL = /[\\{}$&#%_^~<>|\u00d7\u2013\u2014\u2248\u2265\u2264\u00b1\u00b5\u00b0\u2082]/g;

/**
 * Escapes text for a LaTeX paragraph: `\ { } $ & # % _ ^ ~ < > |` and a few symbols pdflatex has no
 * glyph for in text mode (×, –, ≈ …).
 *
 * @example
 * escapeLatex("100% of us-east_1 & more") // "100\\% of us-east\\_1 \\& more"
 */
export const escapeLatex = (text: string): string => text.replace(SPECIAL, (c) => LATEX_REPLACEMENTS[c] ?? c);
