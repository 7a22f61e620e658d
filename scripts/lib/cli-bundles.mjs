// The CLI's per-command bundles: one esbuild entry per registration file of src/cli/command-table.ts,
// each a generated module that runs the program with that file's registration only.
import { build } from "esbuild";

/** The command table, compiled from src/cli/command-table.ts (the build runs without a TypeScript loader). */
const loadCommandTable = async () => {
  const out = await build({
    entryPoints: ["src/cli/command-table.ts"],
    bundle: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "warning",
  });
  const source = out.outputFiles[0]?.text ?? "";
  return import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`);
};

/** Each bundle: its name (dist/commands/<name>.js) and the entry that esbuild builds it from. */
export const commandBundles = async () => {
  const { COMMAND_TABLE, bundleNameOf } = await loadCommandTable();
  const modules = new Map(COMMAND_TABLE.map((entry) => [entry.module, entry]));
  return [...modules.values()].map(({ module, register }) => ({
    name: bundleNameOf(module),
    entry: `mlco2-command:${module}:${register}`,
  }));
};

/** Resolves `mlco2-command:<module>:<export>` to a module that runs the program with that registration. */
export const commandEntryPlugin = (cliDir) => ({
  name: "mlco2-command-entry",
  setup(build) {
    build.onResolve({ filter: /^mlco2-command:/ }, (args) => ({
      path: args.path,
      namespace: "mlco2-command",
    }));
    build.onLoad({ filter: /.*/, namespace: "mlco2-command" }, (args) => {
      const [, module, register] = args.path.split(":");
      return {
        contents: [
          `import { ${register} } from "./commands/${module}.ts";`,
          'import { runAsProcess } from "./process-main.ts";',
          'import { runProgram } from "./run-program.ts";',
          // Not awaited: the command's other chunks import from this module (scripts/lib/inline-chunks.mjs),
          // which must have finished evaluating by then.
          `runAsProcess(async (argv, io) => (await runProgram(argv, io, [${register}])).exitCode);`,
        ].join("\n"),
        loader: "js",
        resolveDir: cliDir,
      };
    });
  },
});

/**
 * commander requires node:child_process at load time for executable subcommands, which mlco2 does not
 * use: its bundles get a stand-in that loads the module on the first call only.
 */
export const lazyChildProcessPlugin = {
  name: "mlco2-lazy-child-process",
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: "child_process", namespace: "mlco2-lazy-child-process" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "mlco2-lazy-child-process" }, () => ({
      contents: 'module.exports = { spawn: (...args) => require("node:child_process").spawn(...args) };',
      loader: "js",
    }));
  },
};
