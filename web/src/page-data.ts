// The dataset the page computes with. The first result needs the hardware, the cloud regions and the
// grid zones those regions draw from (a few KB); every other zone and country loads right after it.
// Both datasets hold the same records, so a cloud-region result is the same with either; a country or
// zone waits for the whole grid rather than being priced without it. The cloud instance types come with
// the instance picker's chunk, when a visitor (or a link) asks for one; an instance job waits for them.

import * as regionZones from "virtual:mlco2-region-grid";
import { averageIntensity } from "@tgwf/co2/data";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Dataset, GridData, InstanceType } from "../../src/core/types.ts";
import { datasetOf } from "../../src/data/dataset-of.ts";
import { gridDataFrom, type ZoneYearTable } from "../../src/data/grid-from-tables.ts";

/** The dataset and whether it holds every grid zone yet. */
export interface PageData {
  /** What the engine and the lists use. */
  readonly dataset: Dataset;
  /** False until every zone and country has loaded (only the cloud regions' zones before). */
  readonly allZones: boolean;
  /** False until the cloud instance types have loaded (the dataset holds none before). */
  readonly instances: boolean;
}

type YearlyTables = Record<`yearly${2021 | 2022 | 2023 | 2024 | 2025}`, ZoneYearTable>;

const YEARS = [2021, 2022, 2023, 2024, 2025] as const;

/** A grid and whether it holds every zone. */
export interface PageGrid {
  readonly grid: GridData;
  readonly allZones: boolean;
}

const gridFrom = (tables: YearlyTables, allZones: boolean): PageGrid => ({
  grid: gridDataFrom(
    YEARS.map((year) => [year, tables[`yearly${year}`]] as const),
    averageIntensity.data,
  ),
  allZones,
});

/** The page's data for a grid and the instance types (null: not loaded). */
export const pageDataOf = (
  { grid, allZones }: PageGrid,
  instances: readonly InstanceType[] | null,
): PageData => ({
  dataset: datasetOf(grid, instances ?? []),
  allZones,
  instances: instances !== null,
});

/** Enough for every cloud region: the grid the page opens with. */
export const firstGrid: PageGrid = gridFrom(regionZones, false);

/** What the page opens with: the cloud regions' zones, no instance types. */
export const firstData: PageData = pageDataOf(firstGrid, null);

/** Loads every zone and country (a separate chunk, fetched after the first result). */
export const loadAllZones = async (): Promise<PageGrid> =>
  gridFrom(await import("@tgwf/co2/data/electricity-maps"), true);

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
