// esbuild plugin: re-emits mlco2's own data tables (src/data/**, modules that import nothing and export
// only plain JSON values) as `JSON.parse("…")`, which V8 parses several times faster than the same
// object literals: the CLI parses the catalog at every start. The values are computed from the module at
// build time and kept exactly (a module whose values JSON cannot carry, such as undefined, -0, a shared
// or frozen object or a function, is left as it is). Each call is marked pure, so an unread table is
// still left out of a bundle.
import { readFileSync } from "node:fs";
import { transform } from "esbuild";

/** Whether JSON.parse(JSON.stringify(value)) gives back exactly `value` (no shared objects either). */
const jsonExact = (value, seen = new Set()) => {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== "object" || seen.has(value) || Object.isFrozen(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !jsonExact(value[i], seen)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.keys(value).every((key) => key !== "__proto__" && jsonExact(value[key], seen));
};

/** The module's exports as JSON.parse calls, or undefined when it imports or exports anything else. */
const asJsonModule = async (path) => {
  const { code } = await transform(readFileSync(path, "utf8"), { loader: "ts", format: "esm" });
  if (/^\s*(import|export\s*\*|export\s*\{[^}]*\}\s*from)\b/m.test(code)) return undefined;
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
  const names = Object.keys(module);
  if (names.length === 0 || names.includes("default") || !names.every((name) => jsonExact(module[name])))
    return undefined;
  return names
    .map(
      (name) =>
        `export const ${name} = /* @__PURE__ */ JSON.parse(${JSON.stringify(JSON.stringify(module[name]))});`,
    )
    .join("\n");
};

/** Each module's re-emitted text (or undefined), once per build script: several builds load the same. */
const converted = new Map();

export const jsonDataPlugin = {
  name: "mlco2-data-as-json",
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]data[\\/].*\.ts$/ }, async (args) => {
      if (args.path.endsWith(".test.ts")) return undefined;
      if (!converted.has(args.path)) converted.set(args.path, asJsonModule(args.path));
      const contents = await converted.get(args.path);
      return contents === undefined ? undefined : { contents, loader: "js" };
    });
  },
};
