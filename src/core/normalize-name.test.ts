import assert from "node:assert/strict";
import { test } from "node:test";
import { cpuModelName, normalizeName, withoutVendorPrefix } from "./normalize-name.ts";

test("cpuModelName keeps the part name of /proc/cpuinfo, lscpu and WMI model strings", () => {
  const cases: [string, string][] = [
    ["Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz", "Intel Xeon E5-2620 v3"],
    ["AMD EPYC 7B13 64-Core Processor", "AMD EPYC 7B13"],
    ["Intel(R) Xeon(R) Platinum 8275CL CPU @ 3.00GHz", "Intel Xeon Platinum 8275CL"],
    ["Intel(R) Xeon(R) CPU E5-2650 0 @ 2.00GHz", "Intel Xeon E5-2650"],
    ["13th Gen Intel(R) Core(TM) i7-13700K", "Intel Core i7-13700K"],
    ["AMD Ryzen Threadripper PRO 5995WX 64-Cores", "AMD Ryzen Threadripper PRO 5995WX"],
    ["AMD Ryzen 7 5800H with Radeon Graphics", "AMD Ryzen 7 5800H"],
    [" Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz", "Intel Core i7-8700"],
    ["Intel Xeon E5-2660 2.20 GHz (Intel Turbo Boost Technology up to 3.00 GHz)", "Intel Xeon E5-2660"],
    ["Quad-Core AMD Opteron(r) Processor 8376 HE", "AMD Opteron 8376 HE"],
  ];
  for (const [model, part] of cases) assert.equal(cpuModelName(model), part, model);
});

test("cpuModelName says null for a plain name and for a model string with no part in it", () => {
  assert.equal(cpuModelName("Intel Xeon Gold 6148"), null);
  assert.equal(cpuModelName("A100"), null);
  assert.equal(cpuModelName("Intel(R) Xeon(R) CPU @ 2.20GHz"), "Intel Xeon");
});

test("normalizeName and withoutVendorPrefix meet spellings halfway", () => {
  assert.equal(normalizeName("Intel Xeon E5-2620 v3"), "intelxeone52620v3");
  assert.equal(withoutVendorPrefix("intelxeone52620v3"), "xeone52620v3");
  assert.equal(withoutVendorPrefix("xeone52620v3"), null);
});
