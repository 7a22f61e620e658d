// Which commands a run registers, and that registering one command changes nothing a user sees.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bundleFor, COMMAND_TABLE } from "./command-table.ts";
import { cli } from "./fixtures/run-cli.ts";
import { registrationsFor } from "./program.ts";

describe("registrationsFor", () => {
  it("loads the registration of the named command only", async () => {
    const [estimate, ...more] = await registrationsFor(["estimate", "--hours", "1"]);
    assert.equal(more.length, 0);
    assert.equal(estimate?.name, "registerEstimate");
    assert.deepEqual(
      (await registrationsFor(["zones", "FR"])).map((register) => register.name),
      ["registerCatalog"],
    );
  });

  it("loads every registration once, in help order, for help, version and unknown commands", async () => {
    const every = [...new Set(COMMAND_TABLE.map(({ register }) => register))];
    for (const argv of [
      [],
      ["--help"],
      ["--version"],
      ["help", "estimate"],
      ["estimat"],
      ["--hours", "estimate"],
    ])
      assert.deepEqual(
        (await registrationsFor(argv)).map((register) => register.name),
        every,
        argv.join(" "),
      );
  });
});

describe("bundleFor", () => {
  it("names the bundle of the command's registration file, else the one of every command", () => {
    assert.equal(bundleFor(["estimate", "--hours", "1"]), "estimate");
    assert.equal(bundleFor(["example"]), "estimate");
    assert.equal(bundleFor(["regions"]), "catalog");
    assert.equal(bundleFor(["serve", "token", "list"]), "serve");
    assert.equal(bundleFor(["--help", "estimate"]), "all");
    assert.equal(bundleFor(["estimat"]), "all");
    assert.equal(bundleFor([]), "all");
  });
});

describe("the CLI with one command registered", () => {
  it("lists every command in help, in table order", async () => {
    const help = await cli("--help");
    assert.equal(help.exitCode, 0);
    const listed = [...help.stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((match) => match[1]);
    assert.deepEqual(listed, [...COMMAND_TABLE.map(({ name }) => name), "help"]);
  });

  it("suggests a command from all of them when the name is unknown", async () => {
    const run = await cli("zone");
    assert.equal(run.exitCode, 2);
    assert.equal(run.stderr, "mlco2: unknown command 'zone' (Did you mean zones?)\n");
  });

  it("still runs the other command of a registration file (example beside estimate)", async () => {
    const run = await cli("example");
    assert.equal(run.exitCode, 0);
    assert.match(run.stdout, /^Example: mlco2 estimate --hardware "A100 SXM4 80GB"/);
  });
});
