// `mlco2 hardware`, `regions` and `zones` in-process over the fixture dataset (hand-checked listings),
// plus a few runs through the CLI seam over the bundled dataset for exit codes and error codes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fixtureDataset as data } from "../../core/fixture-dataset.ts";
import { searchHardware } from "../../core/hardware-search.ts";
import type { Dataset } from "../../core/types.ts";
import type { HardwareEntry } from "../../data/types.ts";
import { CliError } from "../cli-error.ts";
import { cli } from "../fixtures/run-cli.ts";
import { rankRegions, runHardware, runInstances, runRegions, runZones } from "./catalog.ts";

/** The CliError `run` throws, as [code, exit code, message]. */
const failure = (run: () => unknown): [string, number, string] => {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CliError, String(error));
    return [error.code, error.exitCode, error.message];
  }
  assert.fail("expected a CliError");
};
const near = (actual: number | undefined, expected: number) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= 1e-12, `${actual} ≠ ${expected}`);

describe("runHardware", () => {
  it("the whole catalog in catalog order, with idle power where published, and a count", () => {
    assert.equal(
      runHardware(data, undefined, {}),
      [
        "Test GPU 400 [gpu, NVIDIA] 400 W, idle 40 W  (id gpu-400; source: fixture, 2021)",
        "Test GPU 300 [gpu, NVIDIA] 300 W  (id gpu-300; source: fixture, 2021)",
        "Test CPU 200 [cpu, Intel] 200 W  (id cpu-200; source: fixture, 2021)",
        "Test CPU Curve [cpu, Intel] 100 W (estimated)  (id cpu-curve; source: fixture, 2021)",
        "4 of 4 entries",
        "",
      ].join("\n"),
    );
  });

  it("a query matches ids, names, vendors and aliases, spacing and case forgiven", () => {
    const ids = (query: string) => searchHardware(data, query).map((h) => h.entry.id);
    assert.deepEqual(ids("tg 400"), ["gpu-400"]);
    assert.deepEqual(ids("300"), ["gpu-300"]);
    assert.deepEqual(ids("nvidia"), ["gpu-400", "gpu-300"]);
    assert.deepEqual(ids("INTEL 200"), ["cpu-200"], "every word somewhere: vendor and name");
    assert.deepEqual(ids("test"), ["gpu-400", "gpu-300", "cpu-200", "cpu-curve"]);
  });

  it("the entry the query names exactly (what estimate would use) comes first", () => {
    const entry = (id: string, name: string): HardwareEntry => ({
      id,
      name,
      aliases: [],
      vendor: "NVIDIA",
      kind: "gpu",
      tdpW: 300,
      source: "hw",
    });
    const catalog: Dataset = { ...data, hardware: [entry("a100-pcie", "A100 PCIe"), entry("a100", "A100")] };
    assert.deepEqual(
      searchHardware(catalog, "a100").map((h) => h.entry.id),
      ["a100", "a100-pcie"],
    );
    assert.ok(runHardware(catalog, "A100", {}).startsWith("A100 [gpu, NVIDIA] 300 W  (id a100;"));
  });

  it("--kind filters, in any case", () => {
    assert.equal(
      runHardware(data, undefined, { kind: "CPU" }),
      "Test CPU 200 [cpu, Intel] 200 W  (id cpu-200; source: fixture, 2021)\nTest CPU Curve [cpu, Intel] 100 W (estimated)  (id cpu-curve; source: fixture, 2021)\n2 of 4 entries\n",
    );
  });

  it("--format json: the entries with their source record", () => {
    const rows = JSON.parse(runHardware(data, "tg400", { format: "json" }));
    assert.deepEqual(rows, [
      {
        ...data.hardware[0],
        sourceDetail: {
          id: "hw",
          title: "fixture hw",
          publisher: "fixture",
          url: "https://example.org/hw",
          year: 2021,
          retrieved: "2026-11-28",
        },
      },
    ]);
  });

  it("errors: a bad kind or format is not-allowed; nothing found is not-found, with suggestions", () => {
    assert.deepEqual(
      failure(() => runHardware(data, undefined, { kind: "fpga" })),
      ["not-allowed", 2, '--kind: "fpga" is not allowed; use one of gpu, tpu, npu, cpu, soc'],
    );
    assert.deepEqual(
      failure(() => runHardware(data, undefined, { format: "yaml" })),
      ["not-allowed", 2, '--format: "yaml" is not allowed; use one of text, json'],
    );
    assert.deepEqual(
      failure(() => runHardware(data, "Test GPU 500", {})),
      [
        "not-found",
        2,
        'hardware: nothing matches "Test GPU 500"; did you mean "Test GPU 300", "Test GPU 400", "Test CPU 200"?',
      ],
    );
    assert.deepEqual(
      failure(() => runHardware(data, "tg400", { kind: "cpu" })),
      ["not-found", 2, 'hardware: nothing matches "tg400" of kind cpu'],
    );
  });

  it("nothing found: what was typed is escaped and cut, the error stays one line", () => {
    const [, , message] = failure(() => runHardware(data, `zz\n${"q".repeat(100_000)}`, {}));
    assert.equal(message, `hardware: nothing matches "zz\\n${"q".repeat(61)}…" (100,003 characters)`);
  });
});

describe("runHardware over a generated table (dataset.lazyHardware)", () => {
  const cpu = (n: number): HardwareEntry => ({
    id: `gen-cpu-${n}`,
    name: `Gen CPU ${n}`,
    aliases: [],
    vendor: "Intel",
    kind: "cpu",
    tdpW: 100 + n,
    source: "hw",
  });
  const generated = Array.from({ length: 40 }, (_, i) => cpu(i + 1));
  const lazy: Dataset = {
    ...data,
    lazyHardware: { all: () => generated, byKey: () => undefined },
  };

  it("lists the catalog then the generated entries: as text the first 30 and how many match", () => {
    const lines = runHardware(lazy, undefined, {}).trimEnd().split("\n");
    assert.equal(lines.length, 31);
    assert.equal(lines[4], "Gen CPU 1 [cpu, Intel] 101 W  (id gen-cpu-1; source: fixture, 2021)");
    assert.equal(lines[30], "44 of 44 entries; the first 30 shown (--limit <n> for more, --limit 0 for all)");
  });

  it("a query over the generated table: the best first (higher TDP among equals), --limit and --limit 0", () => {
    assert.equal(
      runHardware(lazy, "gen cpu", { limit: "2" }),
      [
        "Gen CPU 40 [cpu, Intel] 140 W  (id gen-cpu-40; source: fixture, 2021)",
        "Gen CPU 39 [cpu, Intel] 139 W  (id gen-cpu-39; source: fixture, 2021)",
        "40 of 44 entries; the first 2 shown (--limit <n> for more, --limit 0 for all)",
        "",
      ].join("\n"),
    );
    assert.equal(runHardware(lazy, "gen cpu", { limit: "0" }).split("\n").length, 42);
    assert.equal(runHardware(lazy, "Gen CPU 7", {}).split("\n")[0]?.startsWith("Gen CPU 7 "), true);
  });

  it("json lists every match unless --limit says otherwise", () => {
    assert.equal(JSON.parse(runHardware(lazy, undefined, { format: "json" })).length, 44);
    assert.equal(JSON.parse(runHardware(lazy, undefined, { format: "json", limit: "3" })).length, 3);
  });

  it("a bad --limit is refused", () => {
    assert.deepEqual(
      failure(() => runHardware(lazy, undefined, { limit: "-1" })),
      ["out-of-range", 2, "--limit: -1 is not allowed; use a whole number, 0 for all"],
    );
    assert.deepEqual(
      failure(() => runHardware(lazy, undefined, { limit: "0x10" })),
      ["not-a-number", 2, '--limit: "0x10" is not a number; use a whole number, 0 for all'],
    );
  });
});

describe("runInstances", () => {
  it("every type with its accelerators, vCPUs of which CPU and memory in the provider's unit", () => {
    assert.equal(
      runInstances(data, undefined, {}),
      [
        "gcp:tg-8x400  8 × Test GPU 400, 64 vCPUs (Test CPU 200), 512 GB",
        "gcp:tg-curve-8  8 vCPUs (Test CPU Curve), 32 GB",
        "gcp:tg-curve-32  32 vCPUs (Test CPU Curve), 128 GB",
        "gcp:tg-cpu-4  4 vCPUs (Test CPU 200), 16 GB",
        "4 of 4 instance types",
        "",
      ].join("\n"),
    );
  });

  it("a query (type, CPU or accelerator) and --provider narrow it; nothing found is not-found", () => {
    assert.equal(runInstances(data, "curve", {}).split("\n").length, 4);
    assert.equal(
      runInstances(data, "gpu-400", {}).split("\n")[0],
      "gcp:tg-8x400  8 × Test GPU 400, 64 vCPUs (Test CPU 200), 512 GB",
    );
    assert.equal(JSON.parse(runInstances(data, undefined, { provider: "google", format: "json" })).length, 4);
    assert.deepEqual(
      failure(() => runInstances(data, undefined, { provider: "aws" })),
      ["not-found", 2, 'instances: nothing matches "" of aws; try a family (p4d, a3, ND96) or a GPU (h100)'],
    );
  });
});

describe("runRegions", () => {
  it("every region, cleanest PUE × intensity first (latest year)", () => {
    // clean-1 1.2 × 10 = 12; east-1 1 (no PUE published) × 500 = 500; dirty-1 1.1 × 500 = 550.
    assert.equal(
      runRegions(data, {}),
      [
        "  1. gcp:clean-1  Cleanville; zone SE-SE1 10 g/kWh (2023), PUE 1.2",
        "  2. aws:east-1  Eastham; zone US-DIRTY 500 g/kWh (2023), PUE 1",
        "  3. gcp:dirty-1  Dirtytown; zone US-DIRTY 500 g/kWh (2023), PUE 1.1",
        "3 regions, cleanest (PUE × intensity) first",
        "",
      ].join("\n"),
    );
  });

  it("--provider (an alias, any case) and --year; the provider's cleanest named", () => {
    assert.equal(
      runRegions(data, { provider: "GOOGLE", year: "2021" }),
      [
        "  1. gcp:clean-1  Cleanville; zone SE-SE1 20 g/kWh (2021), PUE 1.2",
        "  2. gcp:dirty-1  Dirtytown; zone US-DIRTY 600 g/kWh (2021), PUE 1.1",
        "2 regions, cleanest (PUE × intensity) first; cleanest of gcp: clean-1",
        "",
      ].join("\n"),
    );
  });

  it("provider-published figures are listed beside the zone's", () => {
    const dataset: Dataset = {
      ...data,
      regions: data.regions.map((r) =>
        r.id === "east-1"
          ? {
              ...r,
              providerIntensityGPerKWh: { value: 415.5, year: 2023, source: "prov" },
              carbonFreeEnergy: { value: 0.25, year: 2023, source: "prov" },
            }
          : r,
      ),
    };
    assert.ok(
      runRegions(dataset, { provider: "aws" }).startsWith(
        "  1. aws:east-1  Eastham; zone US-DIRTY 500 g/kWh (2023), PUE 1; provider 416 g/kWh, CFE 25 %\n",
      ),
    );
    assert.deepEqual(rankRegions(dataset, "aws", 2023), [
      {
        region: "aws:east-1",
        location: "Eastham",
        zone: "US-DIRTY",
        intensityGPerKWh: 500,
        year: 2023,
        pue: 1,
        providerIntensityGPerKWh: 415.5,
        carbonFreeEnergy: 0.25,
      },
    ]);
  });

  it("with a job: ranked by what it would emit, with the share below the worst", () => {
    // 400 W × 10 h = 4 kWh: clean-1 × 1.2 × 10 g = 48 g; east-1 × 1 × 500 g = 2 kg; dirty-1 × 1.1 × 500 g = 2.2 kg.
    assert.equal(
      runRegions(data, { hardware: "TG400", hours: "10", utilization: "1" }),
      [
        "  1. 48 g CO2eq (97.8 % below the worst)  gcp:clean-1  Cleanville; zone SE-SE1 10 g/kWh (2023), PUE 1.2",
        "  2. 2 kg CO2eq (9.09 % below the worst)  aws:east-1  Eastham; zone US-DIRTY 500 g/kWh (2023), PUE 1",
        "  3. 2.2 kg CO2eq (0 % below the worst)  gcp:dirty-1  Dirtytown; zone US-DIRTY 500 g/kWh (2023), PUE 1.1",
        "3 regions, ranked by the job's emissions",
        "",
      ].join("\n"),
    );
  });

  it("with a job and a PUE, as JSON: the PUE used and the emissions per region", () => {
    const rows = JSON.parse(
      runRegions(data, {
        watts: "100",
        count: "2",
        deviceHours: "20",
        pue: "1.5",
        year: "2022",
        format: "json",
      }),
    ) as { region: string; pue: number; emissionsKg: number; intensityGPerKWh: number }[];
    // 200 W × 10 h = 2 kWh × 1.5: clean-1 × 15 g = 45 g; east-1 and dirty-1 × 550 g = 1.65 kg (ties by name).
    assert.deepEqual(
      rows.map((r) => [r.region, r.pue, r.intensityGPerKWh]),
      [
        ["gcp:clean-1", 1.5, 15],
        ["aws:east-1", 1.5, 550],
        ["gcp:dirty-1", 1.5, 550],
      ],
    );
    near(rows[0]?.emissionsKg, 0.045);
    near(rows[1]?.emissionsKg, 1.65);
    near(rows[2]?.emissionsKg, 1.65);
  });

  it("errors with their codes", () => {
    assert.deepEqual(
      failure(() => runRegions(data, { region: "gcp:dirty-1" })),
      ["usage", 2, "--region: not used by regions; it ranks every region (filter with --provider)"],
    );
    assert.deepEqual(
      failure(() => runRegions(data, { intensity: "100" })),
      ["usage", 2, "--intensity: not used by regions; it ranks every region (filter with --provider)"],
    );
    assert.deepEqual(
      failure(() => runRegions(data, { provider: "gpc" })),
      ["not-allowed", 2, '--provider: "gpc" is not allowed (did you mean gcp?); use one of gcp, aws'],
    );
    assert.deepEqual(
      failure(() => runRegions(data, { year: "2019" })),
      ["unknown-year", 2, '--year: "2019" is not allowed; use 2021, 2022, 2023'],
    );
    assert.deepEqual(
      failure(() => runRegions(data, { year: "20\n23" })),
      ["not-a-number", 2, '--year: "20\\n23" is not a number; use 2021, 2022, 2023'],
    );
    // Decimal only: 0x7E7 is 2023 to Number(), not to a person.
    assert.deepEqual(
      failure(() => runRegions(data, { year: "0x7E7" })),
      ["not-a-number", 2, '--year: "0x7E7" is not a number; use 2021, 2022, 2023'],
    );
    assert.deepEqual(
      failure(() => runRegions(data, { hardware: "TG400", hours: "-1" })),
      ["out-of-range", 2, "--hours: -1 is not allowed; use a number above 0 and at most 87600"],
    );
    assert.deepEqual(
      failure(() => runRegions(data, { hardware: "TG400", hours: "ten" })),
      ["not-a-number", 2, '--hours: "ten" is not a number; use a number of hours above 0'],
    );
    assert.deepEqual(
      failure(() => runRegions(data, { hours: "1" })),
      [
        "required",
        2,
        "--hardware: give one of --hardware, --watts, --cpu or --instance (a catalog name, the average watts per device, the CPU of a CPU-only job, or a cloud instance type)",
      ],
    );
  });
});

describe("runRegions with an instance type", () => {
  it("ranks the instance's provider's regions only, by the whole node's emissions", () => {
    const text = runRegions(data, {
      instance: "gcp:tg-8x400",
      hours: "1",
      utilization: "1",
      cpuUtilization: "1",
    });
    // 3,712 W × 1 h = 3.712 kWh: clean-1 × 1.2 × 10 g = 44.5 g; dirty-1 × 1.1 × 500 g = 2.04 kg.
    assert.equal(
      text,
      [
        "  1. 44.5 g CO2eq (97.8 % below the worst)  gcp:clean-1  Cleanville; zone SE-SE1 10 g/kWh (2023), PUE 1.2",
        "  2. 2.04 kg CO2eq (0 % below the worst)  gcp:dirty-1  Dirtytown; zone US-DIRTY 500 g/kWh (2023), PUE 1.1",
        "2 regions, ranked by the job's emissions; cleanest of gcp: clean-1",
        "",
      ].join("\n"),
    );
  });

  it("another provider, or an unknown type, is refused", () => {
    assert.deepEqual(
      failure(() => runRegions(data, { instance: "gcp:tg-8x400", provider: "aws", hours: "1" })),
      [
        "conflict",
        2,
        "--instance: cannot be combined with --provider: gcp:tg-8x400 is an instance type of gcp",
      ],
    );
    assert.deepEqual(
      failure(() => runRegions(data, { instance: "gcp:nope", hours: "1" }))[0],
      "unknown-instance",
    );
  });
});

describe("runZones", () => {
  it("every zone by year, then the countries with Ember figures only", () => {
    assert.equal(
      runZones(data, undefined, {}),
      [
        "zone               2021   2022   2023  name (gCO2eq/kWh, yearly averages)",
        "US-DIRTY            600    550    500  Dirty grid",
        "SE-SE1               20     15     10  North Sweden",
        "FR                   60     90     50  France",
        "",
        "Countries with Ember figures only (2024 or earlier):",
        "DE                  380  Germany",
        "",
      ].join("\n"),
    );
  });

  it("a query finds zones by their country's name, and Ember countries by name or code", () => {
    assert.equal(
      runZones(data, "sweden", {}),
      "zone               2021   2022   2023  name (gCO2eq/kWh, yearly averages)\nSE-SE1               20     15     10  North Sweden\n",
    );
    for (const query of ["germany", "DEU", "de"]) {
      assert.ok(
        runZones(data, query, {}).endsWith("(2024 or earlier):\nDE                  380  Germany\n"),
        query,
      );
    }
  });

  it("a year without a figure shows as - in text and null in JSON", () => {
    const dataset: Dataset = {
      ...data,
      grid: {
        ...data.grid,
        zones: new Map([
          [
            "NEW",
            {
              id: "NEW",
              name: "New grid",
              intensityGPerKWhByYear: new Map([
                [2022, 0],
                [2023, 123],
              ]),
              sourceByYear: new Map([[2023, "grid-2023"]]),
            },
          ],
        ]),
      },
    };
    const text = runZones(dataset, "new", {});
    assert.ok(text.includes("\nNEW                   -      -    123  New grid\n"), text);
    assert.deepEqual(JSON.parse(runZones(dataset, "new", { format: "json" })), {
      zones: [
        {
          id: "NEW",
          name: "New grid",
          country: null,
          intensityGPerKWhByYear: { 2021: null, 2022: null, 2023: 123 },
        },
      ],
      countries: [],
    });
  });

  it("--format json: zones and countries with their year and source", () => {
    assert.deepEqual(JSON.parse(runZones(data, undefined, { format: "json" })), {
      zones: [
        {
          id: "US-DIRTY",
          name: "Dirty grid",
          country: "US",
          intensityGPerKWhByYear: { 2021: 600, 2022: 550, 2023: 500 },
        },
        {
          id: "SE-SE1",
          name: "North Sweden",
          country: "SE",
          intensityGPerKWhByYear: { 2021: 20, 2022: 15, 2023: 10 },
        },
        { id: "FR", name: "France", country: "FR", intensityGPerKWhByYear: { 2021: 60, 2022: 90, 2023: 50 } },
      ],
      countries: [{ country: "DE", name: "Germany", intensityGPerKWh: 380, year: 2024, source: "ember" }],
    });
  });

  it("errors: nothing found (escaped), a bad format", () => {
    assert.deepEqual(
      failure(() => runZones(data, "atlantis\t", {})),
      [
        "not-found",
        2,
        'zones: nothing matches "atlantis\\t"; try a country code (FR), a name (France) or a zone id (US-CAL-CISO)',
      ],
    );
    assert.deepEqual(
      failure(() => runZones(data, undefined, { format: "jsn" })),
      ["not-allowed", 2, '--format: "jsn" is not allowed (did you mean json?); use one of text, json'],
    );
  });
});

describe("through the CLI seam (bundled dataset)", () => {
  it("mlco2 hardware h100 --format json: exit 0, JSON on stdout", async () => {
    const run = await cli("hardware", "h100", "--format", "json");
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.code, null);
    const rows = JSON.parse(run.stdout) as { name: string; sourceDetail: { year: number } | null }[];
    assert.ok(rows.length > 0 && rows.every((r) => /h100/i.test(r.name)), run.stdout.slice(0, 200));
    assert.ok(rows.every((r) => r.sourceDetail !== null));
  });

  it("mlco2 hardware --kind fpga: exit 2, code not-allowed, one line on stderr", async () => {
    const run = await cli("hardware", "--kind", "fpga");
    assert.deepEqual([run.exitCode, run.code, run.stdout], [2, "not-allowed", ""]);
    assert.equal(run.stderr, 'mlco2: --kind: "fpga" is not allowed; use one of gpu, tpu, npu, cpu, soc\n');
  });

  it("mlco2 regions --provider gcp --hardware T4 --hours 1: ranked, exit 0", async () => {
    const run = await cli("regions", "--provider", "gcp", "--hardware", "T4", "--hours", "1");
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /^ {2}1\. .* CO2eq .* gcp:/);
    assert.match(run.stdout, /\n\d+ regions, ranked by the job's emissions; cleanest of gcp: [a-z0-9-]+\n$/);
  });

  it("mlco2 zones nowhere-land: exit 2, code not-found", async () => {
    const run = await cli("zones", "nowhere-land");
    assert.deepEqual([run.exitCode, run.code], [2, "not-found"]);
    assert.match(run.stderr, /zones: nothing matches "nowhere-land"/);
  });
});
