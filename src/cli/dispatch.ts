#!/usr/bin/env node
// The built CLI's entry (dist/cli.js): starts the bundle of the command being run (dist/commands/<name>.js,
// one file holding that command's code and data only), or the `all` bundle for help, version and unknown
// commands. Built by scripts/build.mjs; from the sources, bin.ts runs every command.
import { bundleFor } from "./command-table.ts";

await import(new URL(`./commands/${bundleFor(process.argv.slice(2))}.js`, import.meta.url).href);
