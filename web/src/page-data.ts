// The dataset the page computes with. The first result needs the hardware, the cloud regions and the
// grid zones those regions draw from (a few KB); every other zone and country loads right after it.
// Both datasets hold the same records, so a cloud-region result is the same with either; a country or
// zone waits for the whole grid rather than being priced without it.

import * as regionZones from "virtual:mlco2-region-grid";
import { averageIntensity } from "@tgwf/co2/data";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Dataset } from "../../src/core/types.ts";
import { datasetWithGrid } from "../../src/data/assemble.ts";
import { gridDataFrom, type ZoneYearTable } from "../../src/data/grid-from-tables.ts";

/** The dataset and whether it holds every grid zone yet. */
export interface PageData {
  /** What the engine and the lists use. */
  readonly dataset: Dataset;
  /** False until every zone and country has loaded (only the cloud regions' zones before). */
  readonly allZones: boolean;
}

type YearlyTables = Record<`yearly${2021 | 2022 | 2023 | 2024 | 2025}`, ZoneYearTable>;

const YEARS = [2021, 2022, 2023, 2024, 2025] as const;

const dataFrom = (tables: YearlyTables, allZones: boolean): PageData => ({
  dataset: datasetWithGrid(
    gridDataFrom(
      YEARS.map((year) => [year, tables[`yearly${year}`]] as const),
      averageIntensity.data,
    ),
  ),
  allZones,
});

/** Enough for every cloud region: what the page opens with. */
export const firstData: PageData = dataFrom(regionZones, false);

/** Loads every zone and country (a separate chunk, fetched after the first result). */
export const loadAllZones = async (): Promise<PageData> =>
  dataFrom(await import("@tgwf/co2/data/electricity-maps"), true);

/** The page's data, provided by the app. */
export const DataContext = createContext<PageData>(firstData);

/** The page's current data. */
export const useData = (): PageData => useContext(DataContext);

/**
 * Whether the long option lists (every hardware entry, every region) are rendered: from the frame after
 * the first result; before it a select holds only its chosen option, so the first result is laid out sooner.
 */
export const ListsContext = createContext<boolean>(true);

/** Whether the long option lists are rendered yet. */
export const useLists = (): boolean => useContext(ListsContext);
