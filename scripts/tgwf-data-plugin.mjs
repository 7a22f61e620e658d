// esbuild plugin: re-emits @tgwf/co2's data modules as `JSON.parse("…")`, which V8 parses several
// times faster than the same object literals. The values are read from the installed package at build
// time and left unchanged (only the encoding of the module changes). Each call is marked pure, so a table
// that nothing reads is left out of the bundle (the dataset reads the Electricity Maps zones from
// src/data/grid-zones.generated.ts, not from these tables).
import { pathToFileURL } from "node:url";

export const tgwfDataPlugin = {
  name: "tgwf-data-as-json",
  setup(build) {
    build.onLoad(
      { filter: /@tgwf[\\/]co2[\\/]dist[\\/]esm[\\/]data[\\/].*(yearly_\d+|average-intensities\.min)\.js$/ },
      async (args) => {
        const mod = await import(pathToFileURL(args.path).href);
        const names = Object.keys(mod).filter((name) => name !== "default");
        const lines = names.map(
          (name) =>
            `export const ${name} = /* @__PURE__ */ JSON.parse(${JSON.stringify(JSON.stringify(mod[name]))});`,
        );
        lines.push(`export default { ${names.join(", ")} };`);
        return { contents: lines.join("\n"), loader: "js" };
      },
    );
  },
};
