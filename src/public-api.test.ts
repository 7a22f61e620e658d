// The public API is a chosen list: every entry point's exports (values and types), read by the
// TypeScript compiler from the sources. A change to any list shows here, in review.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import ts from "typescript";

const ENTRIES: Record<string, { readonly file: string; readonly exports: readonly string[] }> = {
  ".": {
    file: "src/index.ts",
    exports: [
      "Alternative",
      "ComponentEstimate",
      "Counterfactual",
      "Dataset",
      "EmbodiedEstimate",
      "EmbodiedPart",
      "EstimateInput",
      "EstimateResult",
      "Equivalents",
      "Factor",
      "FactorKind",
      "Mlco2Error",
      "ModelCardOptions",
      "Outcome",
      "Problem",
      "ProblemCode",
      "REPORT_FORMATS",
      "ReportFormat",
      "ResolvedJob",
      "PerUnit",
      "ResolvedLocation",
      "SavedResult",
      "dataset",
      "estimate",
      "parseSavedResult",
      "renderReport",
      "tryEstimate",
    ],
  },
  "./core": {
    file: "src/core/index.ts",
    exports: [
      "Alternative",
      "ComponentEstimate",
      "Counterfactual",
      "CpuByTdp",
      "Dataset",
      "EmbodiedEstimate",
      "EmbodiedPart",
      "EstimateInput",
      "EstimateResult",
      "Equivalents",
      "Factor",
      "FactorKind",
      "INPUT_LIMITS",
      "Mlco2Error",
      "Outcome",
      "PowerModel",
      "Problem",
      "ProblemCode",
      "ResolvedJob",
      "PerUnit",
      "ResolvedLocation",
      "HardwareMatch",
      "HardwareMatchKind",
      "HardwareSearchOptions",
      "bestHardwareMatch",
      "cleanestRegionOf",
      "estimateWith",
      "findHardware",
      "findInstance",
      "formatProblem",
      "powerAtUtilization",
      "powerModelOf",
      "searchHardware",
      "tryEstimateWith",
    ],
  },
  "./report": {
    file: "src/core/report/index.ts",
    exports: [
      "CSV_COLUMNS",
      "LACOSTE_2019_BIBTEX",
      "MLCO2_BIBTEX",
      "ModelCardOptions",
      "REPORT_FORMATS",
      "ReportFormat",
      "SavedResult",
      "TRAINING_TYPES",
      "TrainingType",
      "LeftOutLog",
      "MergedRun",
      "RunLog",
      "mergeRunLogs",
      "readRunLog",
      "renderMergedJson",
      "parseSavedResult",
      "renderCsv",
      "renderJson",
      "renderLatex",
      "renderMarkdown",
      "renderModelCard",
      "renderReport",
    ],
  },
  "./data": {
    file: "src/data/index.ts",
    exports: [
      "CloudRegion",
      "CpuPowerCurve",
      "Dataset",
      "EmbodiedData",
      "EmbodiedFactor",
      "EquivalenceFactors",
      "FactorKind",
      "GridData",
      "GridZone",
      "HardwareEntry",
      "HardwareKind",
      "InstanceAccelerators",
      "InstanceType",
      "LazyHardware",
      "ModelDefaults",
      "Provider",
      "ProviderId",
      "Source",
      "SourcedValue",
      "allHardware",
      "countries",
      "dataset",
      "embodied",
      "instances",
      "providers",
      "regions",
      "sources",
    ],
  },
  "./tracker": {
    file: "src/tracker/index.ts",
    exports: [
      "AllocationIdleComponent",
      "AllocationIdleSummary",
      "LaunchContext",
      "LauncherName",
      "Prediction",
      "TaskPlace",
      "launchContextOf",
      "BestWindow",
      "CODECARBON_COLUMNS",
      "CodecarbonRow",
      "ComponentSample",
      "INTERVAL_LIMITS",
      "IntensityAt",
      "IntensitySeriesOptions",
      "JsonlLog",
      "PreparedTracking",
      "Reading",
      "ReadingMethod",
      "RunExit",
      "SampleRecord",
      "SampleTick",
      "Sensor",
      "SpawnedRoot",
      "TrackLocation",
      "TrackedComponent",
      "TrackerError",
      "TrackerErrorCode",
      "TrackingOptions",
      "TrackingProgress",
      "TrackingRun",
      "appendCodecarbonRow",
      "codecarbonCsv",
      "intensitySeriesOf",
      "openAmdSmi",
      "openJsonlLog",
      "openNvidiaSmi",
      "openRapl",
      "parseJsonlLog",
      "prepareTracking",
      "readSelfReapedTicks",
      "startTracking",
    ],
  },
};

const program = ts.createProgram(
  Object.values(ENTRIES).map((e) => e.file),
  {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
  },
);
const checker = program.getTypeChecker();

const exportsOf = (file: string): string[] => {
  const source = program.getSourceFile(file);
  assert.ok(source, file);
  const symbol = checker.getSymbolAtLocation(source);
  assert.ok(symbol, `${file} is not a module`);
  return checker
    .getExportsOfModule(symbol)
    .map((s) => s.getName())
    .sort();
};

describe("public API", () => {
  for (const [entry, { file, exports }] of Object.entries(ENTRIES)) {
    it(`${entry} exports exactly its chosen names`, () => {
      assert.deepEqual(exportsOf(file), [...exports].sort());
    });
  }

  it("package.json exports every entry, with types", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    assert.deepEqual(Object.keys(pkg.exports).sort(), Object.keys(ENTRIES).sort());
    for (const [entry, target] of Object.entries(
      pkg.exports as Record<string, { types: string; default: string }>,
    )) {
      const source = ENTRIES[entry]?.file ?? "";
      assert.equal(target.types, `./dist/types/${source.slice(4).replace(/\.ts$/, ".d.ts")}`, entry);
    }
  });
});
