import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { estimateWith } from "../estimate.ts";
import { fixtureDataset } from "../fixture-dataset.ts";
import type { Dataset, EstimateInput } from "../types.ts";
import { CSV_COLUMNS, renderCsv } from "./csv.ts";
import { escapeLatex } from "./escape-latex.ts";
import { renderJson } from "./json.ts";
import { renderLatex } from "./latex.ts";
import { renderMarkdown } from "./markdown.ts";
import { modelCardGrams, renderModelCard } from "./model-card.ts";
import { parseSavedResult } from "./saved-result.ts";

const est = (input: EstimateInput, data: Dataset = fixtureDataset) => estimateWith(data, input);

// 8 × 400 W × 100 h = 320 kWh; fleet PUE 1.1 → 352 kWh; 500 g/kWh (2023) → 176 kg.
// Range: PUE 1.1 ± 10 % (floored at 1) → 320 × 1.0 × 0.5 = 160 kg … 320 × 1.21 × 0.5 = 193.6 kg.
// Google Cloud (fixture) matches 100 % → market-based 0 kg.
const cloudJob = () =>
  est({ hardware: "TG400", count: 8, hours: 100, utilization: 1, region: "gcp:dirty-1", year: 2023 });
// The 2019 calculator's own example: 250 W × 100 h = 25 kWh × 570 g/kWh = 14.25 kg.
const privateJob = () => est({ watts: 250, hours: 100, intensity: 570, pue: 1 });

/** A fixture whose region location is full of LaTeX specials. */
const awkwardData: Dataset = {
  ...fixtureDataset,
  regions: fixtureDataset.regions.map((r) =>
    r.id === "clean-1" ? { ...r, location: "R&D_Lab #1, 100% $green ~{north}^" } : r,
  ),
};
const awkwardJob = () =>
  est({ hardware: "TG400", hours: 10, utilization: 1, region: "gcp:clean-1", year: 2023 }, awkwardData);

describe("latex", () => {
  it("escapes %, _, &, $, #, braces, tilde, caret and backslash", () => {
    assert.equal(escapeLatex("100% us_east & $5 #1"), "100\\% us\\_east \\& \\$5 \\#1");
    assert.equal(
      escapeLatex("{a}~b^c\\d"),
      "\\{a\\}\\textasciitilde{}b\\textasciicircum{}c\\textbackslash{}d",
    );
    assert.equal(escapeLatex("8 × A100 – 2 ≈ 6"), "8 $\\times$ A100 -- 2 $\\approx$ 6");
  });

  it("states place, intensity, hours, hardware and power, energy, PUE, total and the market-based figure", () => {
    const tex = renderLatex(cloudJob());
    const paragraph = tex.split("\n")[1] ?? "";
    assert.ok(paragraph.includes("Google Cloud dirty-1 (Dirtytown)"), paragraph);
    assert.ok(
      paragraph.includes("(zone US-DIRTY) has a carbon intensity of 500 gCO$_2$eq/kWh (2023 yearly average)"),
    );
    assert.ok(
      paragraph.includes("800 device-hours of computation were performed on 8 $\\times$ Test GPU 400"),
    );
    assert.ok(paragraph.includes("thermal design power of 400 W"));
    assert.ok(paragraph.includes("320 kWh of IT energy, or 352 kWh at the facility"));
    assert.ok(paragraph.includes("(PUE) of 1.10"));
    assert.ok(
      paragraph.includes("estimated at 176 kg CO$_2$eq (location-based; plausible range 160 kg -- 194 kg)"),
    );
    assert.ok(paragraph.includes("matching 100\\% of its electricity"));
    assert.ok(paragraph.includes("market-based view the emissions would be 0 kg CO$_2$eq"));
    assert.ok(paragraph.includes("not subtracted from the location-based total"));
    assert.ok(paragraph.includes("\\cite{lacoste2019quantifying}") && paragraph.includes("\\cite{mlco2}"));
    assert.ok(!/(^|[^\\])%/.test(paragraph), "no unescaped % in the paragraph");
  });

  it("names a private grid and leaves out the market view when none is published", () => {
    const paragraph = renderLatex(privateJob()).split("\n")[1] ?? "";
    assert.ok(
      paragraph.includes(
        "private infrastructure whose electricity has a carbon intensity of 570 gCO$_2$eq/kWh",
      ),
    );
    assert.ok(paragraph.includes("25 kWh of IT energy"));
    assert.ok(paragraph.includes("estimated at 14.3 kg CO$_2$eq (location-based)"), paragraph);
    assert.ok(!paragraph.includes("market-based"));
  });

  it("carries both BibTeX entries", () => {
    const tex = renderLatex(privateJob());
    assert.ok(tex.includes("@article{lacoste2019quantifying,"));
    assert.ok(
      tex.includes(
        "author={Lacoste, Alexandre and Luccioni, Alexandra and Schmidt, Victor and Dandres, Thomas}",
      ),
    );
    assert.ok(tex.includes("journal={arXiv preprint arXiv:1910.09700}"));
    assert.ok(tex.includes("@misc{mlco2,"));
  });

  it("escapes specials that come from the data", () => {
    const paragraph = renderLatex(awkwardJob()).split("\n")[1] ?? "";
    assert.ok(
      paragraph.includes(
        "R\\&D\\_Lab \\#1, 100\\% \\$green \\textasciitilde{}\\{north\\}\\textasciicircum{}",
      ),
      paragraph,
    );
  });

  const pdflatex = spawnSync("pdflatex", ["--version"]).status === 0;
  it("compiles with pdflatex and bibtex", { skip: pdflatex ? false : "pdflatex not installed" }, () => {
    const dir = mkdtempSync(join(tmpdir(), "mlco2-latex-"));
    const [comment, ...rest] = renderLatex(awkwardJob()).split("% --- BibTeX ---");
    writeFileSync(join(dir, "refs.bib"), rest.join(""));
    writeFileSync(
      join(dir, "paper.tex"),
      `\\documentclass{article}\n\\begin{document}\n${comment}\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n`,
    );
    const run = (cmd: string, args: string[]) => {
      const r = spawnSync(cmd, args, { cwd: dir, encoding: "utf8" });
      assert.equal(r.status, 0, `${cmd} failed:\n${r.stdout.slice(-2000)}`);
      return r.stdout;
    };
    run("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "paper.tex"]);
    if (spawnSync("bibtex", ["--version"]).status === 0) {
      run("bibtex", ["paper"]);
      run("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "paper.tex"]);
      const log = run("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "paper.tex"]);
      assert.ok(!/Citation .* undefined/.test(log), "citations resolve");
      const bbl = readFileSync(join(dir, "paper.bbl"), "utf8");
      assert.ok(bbl.includes("\\bibitem{lacoste2019quantifying}") && bbl.includes("\\bibitem{mlco2}"), bbl);
    }
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("markdown", () => {
  it("has the paragraph, the figures and a factor table with sources", () => {
    const md = renderMarkdown(cloudJob());
    assert.ok(md.includes("500 gCO₂eq/kWh (2023 yearly average)"));
    assert.ok(md.includes("- **Emissions:** 176 kg CO₂eq, location-based (range 160 kg – 194 kg)"));
    assert.ok(md.includes("- **Energy:** 320 kWh IT, 352 kWh with PUE 1.1"));
    assert.ok(md.includes("- **Market-based:** 0 kg CO₂eq"));
    assert.ok(md.includes("| Factor | Value | Kind | Source |"));
    assert.ok(
      md.includes(
        "| device TDP (Test GPU 400) | 400 W | published, 2021 | [fixture, 2021: fixture hw](https://example.org/hw) |",
      ),
    );
    assert.ok(md.includes("| grid intensity (Dirty grid, US-DIRTY) | 500 g/kWh | published, 2023 |"));
    assert.ok(!md.includes("equivalence:"), "equivalence factors stay out of the table");
    assert.ok(md.includes("[Lacoste et al., 2019](https://arxiv.org/abs/1910.09700)"));
  });

  it("escapes markdown syntax from the data", () => {
    const md = renderMarkdown(awkwardJob());
    assert.ok(md.includes("R&D\\_Lab \\#1"));
  });
});

describe("model card", () => {
  it("gives emissions in grams", () => {
    assert.equal(modelCardGrams(14.25), 14300); // 14,250 g → 3 significant figures
    assert.equal(modelCardGrams(0.0005), 0.5);
    assert.equal(modelCardGrams(176), 176000);
    assert.equal(modelCardGrams(24692.172), 24700000);
  });

  it("is the Hugging Face co2_eq_emissions block", () => {
    const yaml = renderModelCard(cloudJob(), { trainingType: "fine-tuning" });
    const body = yaml.split("\n").filter((l) => !l.startsWith("#"));
    assert.deepEqual(body, [
      "co2_eq_emissions:",
      "  emissions: 176000",
      '  source: "mlco2 estimate: 8 × 400 W × 100 h = 320 kWh × PUE 1.10 = 352 kWh × 500 g/kWh = 176 kg CO2eq"',
      '  training_type: "fine-tuning"',
      '  geographical_location: "Google Cloud dirty-1 (Dirtytown)"',
      '  hardware_used: "8 x Test GPU 400"',
      "",
    ]);
    assert.ok(yaml.includes("# Market-based after the provider's renewable matching: 0 kg"));
  });

  it("a tiny job is a fraction of a gram; watts-only jobs name the power", () => {
    // 10 W × 0.5 h = 5 Wh × 100 g/kWh = 0.5 g
    const yaml = renderModelCard(est({ watts: 10, hours: 0.5, intensity: 100, pue: 1 }));
    assert.ok(yaml.includes("  emissions: 0.5\n"));
    assert.ok(yaml.includes('  training_type: "pre-training"'));
    assert.ok(yaml.includes('  hardware_used: "1 device at 10 W"'));
    assert.ok(yaml.includes("private infrastructure (grid intensity 100 gCO2eq/kWh"));
  });
});

describe("csv and json", () => {
  it("csv: stable header, quoted fields, 15 significant digits", () => {
    const csv = renderCsv([cloudJob(), privateJob()]);
    const [header, first, second, end] = csv.split("\n");
    assert.equal(header, CSV_COLUMNS.join(","));
    assert.equal(
      header,
      "hardware,count,hours,device_hours,power_per_device_w,utilization,location,provider,region,zone,country,year,energy_kwh,facility_energy_kwh,emissions_kg,low_kg,high_kg,intensity_g_per_kwh,pue,market_based_kg,instance,instance_count,embodied_kg,embodied_low_kg,embodied_high_kg,total_with_embodied_kg",
    );
    const r = cloudJob();
    assert.equal(
      first,
      "Test GPU 400,8,100,800,400,1,Google Cloud dirty-1 (Dirtytown),gcp,dirty-1,US-DIRTY,US,2023,320,352,176,160,193.6,500,1.1,0,,,,,,",
    );
    // 320 × 1.21 × 0.5 is 193.60000000000002 in binary: csv keeps the 15 digits a double carries.
    assert.equal(r.range.highKg, 193.60000000000002);
    assert.ok(Math.abs(r.emissionsKg - 176) < 1e-9);
    assert.equal(
      second,
      ",1,100,100,250,,a grid of 570 gCO2eq/kWh,,,,,,25,25,14.25,14.25,14.25,570,1,,,,,,,",
    );
    assert.equal(end, "");
    const awkward = renderCsv([awkwardJob()]).split("\n")[1] ?? "";
    assert.ok(awkward.includes(',"Google Cloud clean-1 (R&D_Lab #1, 100% $green ~{north}^)",'));
  });

  it("json round-trips exactly", () => {
    const r = cloudJob();
    assert.deepEqual(JSON.parse(renderJson(r)), JSON.parse(JSON.stringify(r)));
    assert.equal(JSON.parse(renderJson(r)).emissionsKg, r.emissionsKg);
  });
});

describe("saved results", () => {
  const json = renderJson(cloudJob());
  it("reads a saved JSON result", () => {
    const outcome = parseSavedResult(json);
    assert.equal(outcome.ok, true);
    if (outcome.ok) {
      assert.equal(outcome.value.from, "json");
      assert.equal(outcome.value.result.emissionsKg, cloudJob().emissionsKg);
    }
  });

  it("reads a tracker log by its last summary line (CRLF and trailing blank lines too)", () => {
    const summary = JSON.stringify({ type: "summary", durationS: 3600, result: JSON.parse(json) });
    const log = `{"type":"start","t":0}\r\n{"type":"sample","t":1,"powerW":300}\r\n${summary}\r\n\r\n`;
    const outcome = parseSavedResult(log);
    assert.equal(outcome.ok && outcome.value.from, "tracker-log");
    assert.equal(parseSavedResult(summary).ok, true, "a one-line log");
  });

  const bad = (text: string) => {
    const outcome = parseSavedResult(text);
    assert.equal(outcome.ok, false, text.slice(0, 80));
    return outcome.ok ? { code: "", path: "", message: "" } : outcome.problems[0];
  };
  const withField = (path: string[], value: unknown) => {
    const copy = JSON.parse(json);
    let at = copy;
    for (const key of path.slice(0, -1)) at = at[key];
    at[path[path.length - 1] as string] = value;
    return JSON.stringify(copy);
  };

  it("refuses anything else with the field at fault", () => {
    assert.match(bad("").message, /empty/);
    assert.equal(bad("hello\nworld").code, "not-json");
    assert.match(
      bad('{"type":"sample"}\n{"type":"sample","t":2}').message,
      /type is "sample", not "summary"/,
    );
    const problem = bad(withField(["job", "hours"], "ten"));
    assert.equal(problem.path, "job.hours");
    assert.equal(problem.code, "invalid");
    assert.match(problem.message, /^"ten" is not allowed; expected a number ≥ 0/);
    assert.equal(bad('{"type":"start"}\n{"type":"summary"}').path, "result");
    assert.equal(
      bad(JSON.stringify({ type: "summary", result: { ...JSON.parse(json), emissionsKg: null } })).path,
      "result.emissionsKg",
    );
    assert.equal(bad("[1,2]").path, "");
  });

  // What a fuzzer fed `mlco2 report` (issue 11): each must be refused with the path, never rendered.
  const cases: [string, string[], unknown, RegExp][] = [
    ["negative emissions", ["emissionsKg"], -5, /-5 is not allowed; expected a number ≥ 0/],
    ["null energy", ["energyKWh"], null, /null is not allowed/],
    ["object as a number", ["pue"], { a: 1 }, /\{"a":1\} is not allowed/],
    ["string factor value", ["factors", "0", "value"], "1", /"1" is not allowed; expected a number/],
    ["unknown factor kind", ["factors", "1", "kind"], "guessed", /expected one of measured, published/],
    ["null label", ["job", "location", "label"], null, /null is not allowed; expected a string/],
    ["fractional count", ["job", "count"], 1.5, /expected a whole number/],
    ["warnings not an array", ["warnings"], "none", /expected an array of strings/],
    ["range upside down", ["range", "lowKg"], 1e12, /lowKg is above highKg/],
    ["PUE below 1", ["pue"], 0.5, /expected a number from 1 to 3/],
  ];
  for (const [name, path, value, message] of cases) {
    it(`refuses ${name} at ${path.join(".")}`, () => {
      const problem = bad(withField(path, value));
      const expectedPath = path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
      assert.equal(problem.path, expectedPath);
      assert.match(problem.message, message);
    });
  }
});

describe("embodied emissions in every report: their own line, and which figure includes them", () => {
  // One fixture node (8 × 400 W + 64 vCPUs × 4 W + 512 GB × 0.5 W/GB = 3,712 W) for 10 h = 37.12 kWh
  // × PUE 1.1 × 500 g/kWh = 20.416 kg operational. Embodied: (8 × 200 + 1 × 1,000) kg × 10 h / 43,800 h
  // = 0.5936 kg (range 13,000 / 43,800 = 0.2968 … 34,000 / 35,040 = 0.9703); total 21.0096 kg.
  const node = () =>
    est({
      instance: "gcp:tg-8x400",
      hours: 10,
      utilization: 1,
      cpuUtilization: 1,
      region: "gcp:dirty-1",
      year: 2023,
      embodied: true,
    });

  it("markdown: embodied and the total on their own lines, the embodied factors in the table", () => {
    const md = renderMarkdown(node());
    assert.ok(md.includes("- **Emissions:** 20.4 kg CO₂eq, location-based (range 18.6 kg – 22.5 kg)"), md);
    assert.ok(
      md.includes(
        "- **Embodied:** 594 g CO₂eq, the job's share of its hardware's manufacture (range 297 g – 970 g); not included in Emissions above",
      ),
    );
    assert.ok(md.includes("- **Total, operational + embodied:** 21 kg CO₂eq (range 18.9 kg – 23.4 kg)"));
    assert.ok(
      md.includes(
        "- **Embodied derivation:** `(8 × 200 kg + 1 × 1,000 kg) × 10 h / (5 years × 8760 h) = 0.594 kg CO2eq`",
      ),
    );
    assert.ok(md.includes("| manufacture per device (Test GPU 400) | 200 kg CO2eq | estimated, 2024 |"));
    assert.ok(md.includes("| service life | 5 years | default, 2024 |"));
  });

  it("the paragraph (Markdown and LaTeX): operational figure, then embodied and the total with it", () => {
    const md = renderMarkdown(node());
    assert.ok(
      md.includes(
        "Operational emissions are estimated at 20.4 kg CO₂eq (location-based; plausible range 18.6 kg – 22.5 kg). Manufacturing the hardware adds an estimated 594 g CO₂eq of embodied emissions (the job's 10-hour share of a 5-year service life; range 297 g – 970 g), for a total of 21 kg CO₂eq including embodied emissions.",
      ),
      md,
    );
    assert.ok(md.includes("performed on 8 × Test GPU 400 (1 × gcp:tg-8x400)"));
    const tex = renderLatex(node());
    assert.ok(tex.includes("for a total of 21 kg CO$_2$eq including embodied emissions."), tex);
    assert.ok(tex.includes("range 297 g -- 970 g"));
  });

  it("model card: the emissions are the total in grams, and the comment and source say so", () => {
    const yaml = renderModelCard(node());
    const lines = yaml.split("\n");
    assert.equal(
      lines[0],
      "# 21 kg CO2eq in total (range 18.9 kg - 23.4 kg): 20.4 kg operational, location-based, + 594 g embodied (the job's share of its hardware's manufacture).",
    );
    assert.equal(
      lines[1],
      "# emissions below are in grams and INCLUDE embodied emissions (mlco2 estimate --embodied).",
    );
    assert.ok(lines.includes("  emissions: 21000"), yaml);
    assert.match(yaml, /source: "mlco2 estimate, operational \+ embodied: .*; embodied \(8 × 200 kg/);
    // Without embodied the card is as before: operational grams.
    assert.ok(renderModelCard(cloudJob()).includes("  emissions: 176000"));
  });

  it("csv: the instance, embodied figures and the total with them; empty when not asked for", () => {
    const [header, row] = renderCsv([node()]).split("\n");
    const cells = Object.fromEntries((header ?? "").split(",").map((name, i) => [name, row?.split(",")[i]]));
    assert.equal(cells.instance, "gcp:tg-8x400");
    assert.equal(cells.instance_count, "1");
    assert.ok(Math.abs(Number(cells.emissions_kg) - 20.416) < 1e-9);
    assert.ok(Math.abs(Number(cells.embodied_kg) - 26_000 / 43_800) < 1e-12);
    assert.ok(Math.abs(Number(cells.embodied_low_kg) - 13_000 / 43_800) < 1e-12);
    assert.ok(Math.abs(Number(cells.embodied_high_kg) - 34_000 / 35_040) < 1e-12);
    assert.ok(Math.abs(Number(cells.total_with_embodied_kg) - (20.416 + 26_000 / 43_800)) < 1e-9);
  });

  it("a saved result with embodied emissions reads back and renders the same", () => {
    const outcome = parseSavedResult(renderJson(node()));
    assert.ok(outcome.ok);
    if (outcome.ok) assert.equal(renderMarkdown(outcome.value.result), renderMarkdown(node()));
  });
});
