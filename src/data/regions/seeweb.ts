/**
 * Seeweb cloud-server regions (ECS API location codes). Seeweb publishes no PUE or renewable share we could cite.
 */
import type { CloudRegion } from "../types.ts";

export const seewebRegions: readonly CloudRegion[] = [
  {
    provider: "seeweb",
    id: "it-fr2",
    name: "Frosinone",
    location: "Frosinone, Lazio, Italy",
    country: "IT",
    gridZone: "IT-CSO",
    source: "seeweb-regions",
    note: "Lazio is in the Centre-South Italy bidding zone.",
  },
  {
    provider: "seeweb",
    id: "it-mi2",
    name: "Milan",
    location: "Milan, Lombardy, Italy",
    country: "IT",
    gridZone: "IT-NO",
    source: "seeweb-regions",
    note: "Northern Italy bidding zone.",
  },
  {
    provider: "seeweb",
    id: "ch-lug1",
    name: "Lugano",
    location: "Lugano, Ticino, Switzerland",
    country: "CH",
    gridZone: "CH",
    source: "seeweb-regions",
  },
  {
    provider: "seeweb",
    id: "bg-sof1",
    name: "Sofia",
    location: "Sofia, Bulgaria",
    country: "BG",
    gridZone: "BG",
    source: "seeweb-regions",
  },
  {
    provider: "seeweb",
    id: "hr-zag1",
    name: "Zagreb",
    location: "Zagreb, Croatia",
    country: "HR",
    gridZone: "HR",
    source: "seeweb-regions-dstack",
    note: "Listed by dstack's Seeweb backend; not in SkyPilot's list.",
  },
  {
    provider: "seeweb",
    id: "fro2",
    name: "Frosinone 2 (legacy code)",
    location: "Frosinone, Lazio, Italy",
    country: "IT",
    gridZone: "IT-CSO",
    source: "mlco2-impact-regions",
    note: "Code used by the 2019 calculator for Seeweb's Frosinone datacentre; the cloud API now calls it it-fr2. The calculator's PUE 1.2 and 0 g/kWh were not sourced to Seeweb and are not carried over.",
  },
];
