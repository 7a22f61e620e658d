#!/usr/bin/env node
// Every command, run from the sources (`node --import tsx src/cli/bin.ts …`) and built as the `all`
// bundle (help, version, unknown commands). The built `mlco2` starts dispatch.ts instead, which loads
// the bundle of the command being run only.
import { runAsProcess } from "./process-main.ts";
import { runCli } from "./program.ts";

await runAsProcess(runCli);
