// Lists the longest functions under src/ (or the folders given), for review: the house rule is "about a
// screen long" (≤ ~60 lines). A function's length is the lines from its first to its last line, nested
// functions included. Test files (*.test.ts) are listed only with --tests and never fail --max.
//
//   node scripts/longest-functions.mjs                 top 20 in src/
//   node scripts/longest-functions.mjs --top 50 src/core
//   node scripts/longest-functions.mjs --max 60        exit 1 when a non-test function is longer than 60
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const usage = "usage: longest-functions.mjs [--top N] [--max LINES] [--tests] [folder...]";

/** Reads the command line into { top, max, tests, roots }; exits 2 with one line on a bad flag. */
const parseArgs = (argv) => {
  const options = { top: 20, max: undefined, tests: false, roots: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--tests") options.tests = true;
    else if (arg === "--top" || arg === "--max") {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) fail(`${arg} must be a whole number ≥ 1, got ${argv[i]}`);
      options[arg.slice(2)] = value;
    } else if (arg === "--help" || arg === "-h") {
      console.log(usage);
      process.exit(0);
    } else if (arg.startsWith("-")) fail(`unknown flag ${arg}; ${usage}`);
    else options.roots.push(arg);
  }
  if (options.roots.length === 0) options.roots.push("src");
  return options;
};

const fail = (message) => {
  console.error(`longest-functions: ${message}`);
  process.exit(2);
};

/** Every .ts/.tsx file under dir, skipping node_modules, dist and declaration files. */
const sourceFiles = (dir, out = []) => {
  if (statSync(dir).isFile()) return [...out, dir];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
};

const isFunction = (node) =>
  ts.isFunctionDeclaration(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isArrowFunction(node) ||
  ts.isFunctionExpression(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isSetAccessorDeclaration(node);

/** The name a reader would search for: the declared name, or the variable / property it is assigned to. */
const nameOf = (node) => {
  if (ts.isConstructorDeclaration(node)) return "constructor";
  if (node.name !== undefined) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText();
  if (ts.isCallExpression(parent))
    return `<callback of ${parent.expression.getText().replace(/\s+/g, " ").slice(0, 40)}>`;
  return "<anonymous>";
};

/** Every function in one file as { file, line, name, lines }. */
const functionsIn = (path) => {
  const text = readFileSync(path, "utf8");
  const kind = path.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const found = [];
  const visit = (node) => {
    if (isFunction(node) && node.body !== undefined) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({
        file: relative(process.cwd(), path),
        line: start + 1,
        name: nameOf(node),
        lines: end - start + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

const isTest = (file) => /\.test\.tsx?$/.test(file);
const show = (f) => `${String(f.lines).padStart(5)}  ${f.file}:${f.line}  ${f.name}`;

const options = parseArgs(process.argv.slice(2));
const all = options.roots.flatMap((root) => sourceFiles(root)).flatMap(functionsIn);
const listed = all.filter((f) => options.tests || !isTest(f.file)).sort((a, b) => b.lines - a.lines);
const lengths = listed.map((f) => f.lines).sort((a, b) => a - b);
const median = lengths.length === 0 ? 0 : lengths[Math.floor(lengths.length / 2)];
console.log(`${listed.length} functions, median ${median} lines; the ${options.top} longest:`);
for (const f of listed.slice(0, options.top)) console.log(show(f));
if (options.max !== undefined) {
  const over = all.filter((f) => !isTest(f.file) && f.lines > options.max).sort((a, b) => b.lines - a.lines);
  if (over.length > 0) {
    console.log(`\n${over.length} non-test functions are longer than ${options.max} lines:`);
    for (const f of over) console.log(show(f));
    process.exit(1);
  }
  console.log(`\nno non-test function is longer than ${options.max} lines`);
}
