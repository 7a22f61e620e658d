// @tgwf/co2 ships its data entry points without type declarations; these describe the shapes we read.
declare module "@tgwf/co2/data/electricity-maps" {
  /** One Electricity Maps zone's yearly averages. */
  export interface ElectricityMapsZoneYear {
    zone: { zoneName: string; displayName?: string; countryName?: string };
    carbonIntensity: { value: number; unit: string };
    renewableEnergy: { value: number; unit: string };
    carbonFreeEnergy: { value: number; unit: string };
  }
  /** One year of zone data, keyed by zone id (e.g. "FR", "US-CAL-CISO"). */
  export interface ElectricityMapsYear {
    data: Record<string, ElectricityMapsZoneYear>;
    methodology: string;
  }
  export const yearly2021: ElectricityMapsYear;
  export const yearly2022: ElectricityMapsYear;
  export const yearly2023: ElectricityMapsYear;
  export const yearly2024: ElectricityMapsYear;
  export const yearly2025: ElectricityMapsYear;
}
declare module "@tgwf/co2/data" {
  /** Ember latest yearly average intensities, gCO2e/kWh, keyed by ISO alpha-3 or region name. */
  export const averageIntensity: { data: Record<string, number>; type: string };
}
