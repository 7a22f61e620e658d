// The dataset errors the 2026-11 audit found (issue 10), each fixed with its source and pinned here.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findHardware } from "../core/dataset-index.ts";
import { tryEstimateWith } from "../core/estimate.ts";
import { resolveLocation } from "../core/resolve-location.ts";
import { dataset } from "./index.ts";

const hw = (q: string) => findHardware(dataset, q);
const location = (input: Record<string, string>) => {
  const r = resolveLocation(dataset, input);
  assert.ok(r.ok, JSON.stringify(input));
  return r.value;
};

describe("hardware", () => {
  it("GB200: nvidia-smi's per-GPU name is 1,200 W; the superchip is its own 2,700 W entry", () => {
    assert.equal(hw("NVIDIA GB200")?.tdpW, 1200);
    assert.equal(hw("GB200")?.id, "nvidia-gb200");
    assert.equal(hw("GB200 Grace Blackwell Superchip")?.tdpW, 2700);
    assert.equal(hw("GB200 Superchip")?.id, "nvidia-gb200-superchip");
  });

  it("A10G: the 300 W power limit the board reports on EC2 G5, with the 150 W secondary figure noted", () => {
    const a10g = hw("NVIDIA A10G");
    assert.equal(a10g?.tdpW, 300);
    assert.equal(a10g?.source, "nvidia-smi-a10g-ec2");
    assert.match(a10g?.note ?? "", /150 W/);
  });

  it("Xeon Platinum 8480C (DGX H100/H200) exists at 350 W; the 8480+ note no longer claims DGX", () => {
    assert.equal(hw("Intel Xeon Platinum 8480C")?.tdpW, 350);
    assert.match(hw("Intel Xeon Platinum 8480C")?.note ?? "", /DGX H100 and DGX H200/);
    assert.doesNotMatch(hw("Intel Xeon Platinum 8480+")?.note ?? "", /the CPU of NVIDIA DGX/);
  });

  it("GTX 1660 and EPYC 7282 of the 2019 calculator resolve", () => {
    assert.equal(hw("GTX 1660")?.tdpW, 120);
    assert.equal(hw("AMD EPYC 7282")?.tdpW, 120);
  });
});

describe("PUE and regions", () => {
  it("Scaleway region codes carry the mean of their zones' PUE, ranged over the zones", () => {
    const par = location({ region: "scaleway:fr-par" });
    assert.equal(par.facilityPue.value, 1.35);
    assert.equal(par.facilityPue.low, 1.16);
    assert.equal(par.facilityPue.high, 1.45);
    assert.equal(location({ region: "scaleway:nl-ams" }).facilityPue.value, 1.33);
    assert.equal(location({ region: "scaleway:pl-waw" }).facilityPue.value, 1.41);
    assert.equal(location({ region: "scaleway:fr-par-2" }).facilityPue.value, 1.16);
  });

  it("Azure takes the fleet PUE Microsoft reports, its newest design PUE as the low end", () => {
    const pue = location({ region: "azure:westeurope" }).facilityPue;
    assert.equal(pue.value, 1.18);
    assert.equal(pue.low, 1.12);
    assert.equal(pue.factor.kind, "published");
  });

  it("an unknown facility gets the industry average 1.56 (default), ranging from an efficient 1.09", () => {
    const pue = location({ country: "FR" }).facilityPue;
    assert.equal(pue.value, 1.56);
    assert.equal(pue.low, 1.09);
    assert.equal(pue.high, 1.56);
    assert.equal(pue.factor.kind, "default");
    assert.equal(pue.factor.source?.id, "uptime-2024");
    assert.equal(location({ region: "coreweave:US-EAST-04" }).facilityPue.value, 1.56);
  });

  it("AWS eusc-de-east-1 and Azure taiwannorth exist and price", () => {
    for (const region of ["aws:eusc-de-east-1", "azure:taiwannorth"]) {
      const r = tryEstimateWith(dataset, { hardware: "H100 SXM", hours: 1, region });
      assert.ok(r.ok, region);
    }
  });
});
