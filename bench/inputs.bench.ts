// Costs of bad input (npm run bench inputs): "did you mean" on absurd names, in-process through the
// engine. Targets: a 100 KB --hardware answers in ≤ 50 ms (76 s before the cap); an unknown 1 KB name
// in a batch row costs ≤ 100 µs once remembered (53 s for 200 rows before).
import type { EstimateInput } from "../src/core/types.ts";

const bundle = "../dist/index.js";
const { tryEstimate } = (await import(bundle)) as typeof import("../src/index.ts");

const timeMs = (fn: () => void): number => {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

tryEstimate({ hardware: "T4", hours: 1, country: "FR" }); // warm: dataset index
const huge: EstimateInput = { hardware: `A100 ${"x".repeat(100_000)}`, hours: 1, country: "FR" };
const hugeMs = timeMs(() => tryEstimate(huge));
console.log(
  `--hardware <100 KB>: ${hugeMs.toFixed(1)} ms (target ≤ 50 ms: ratio ${(hugeMs / 50).toFixed(2)})`,
);

const names = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(4, "0")}${"q".repeat(1020)}`);
const firstMs = timeMs(() => {
  for (const hardware of names) tryEstimate({ hardware, hours: 1, country: "FR" });
});
const againMs = timeMs(() => {
  for (const hardware of names) tryEstimate({ hardware, hours: 1, country: "FR" });
});
const perRowUs = (againMs * 1000) / names.length;
console.log(
  `200 unknown 1 KB names: first pass ${firstMs.toFixed(1)} ms (${((firstMs * 1000) / names.length).toFixed(0)} µs/row); remembered ${perRowUs.toFixed(1)} µs/row (target ≤ 100 µs: ratio ${(perRowUs / 100).toFixed(2)})`,
);
process.exitCode = hugeMs <= 50 && perRowUs <= 100 ? 0 : 1;
