import { formatQuantity } from "../format-number.ts";
import type { LocationFactors } from "../resolve-location.ts";
import type { Duration } from "./duration.ts";
import type { EnergyAndEmissions } from "./energy.ts";
import type { DevicePart, PowerBand } from "./power.ts";
import type { PueChoice } from "./pue.ts";

/**
 * Stage 9: one human line showing the arithmetic, e.g.
 * `8 × 400 W × 100 h = 320 kWh × PUE 1.09 = 348.8 kWh × 501 g/kWh = 174.7 kg CO2eq`.
 */
export const derivationOf = (
  bands: readonly PowerBand[],
  devices: DevicePart,
  duration: Duration,
  pue: PueChoice,
  where: LocationFactors,
  energy: EnergyAndEmissions,
): string => {
  // Device-hours multiply one device's power only: with host parts beside the devices the line shows
  // the whole machine's power × hours (a host part is not multiplied by the device count).
  const perDevice = bands.length === 1 && duration.byDeviceHours && duration.count > 1;
  const durationTerm = perDevice
    ? `${formatQuantity(duration.deviceHours)} device-h`
    : `${formatQuantity(duration.hours)} h`;
  let powerTerm: string;
  if (bands.length === 1) powerTerm = perDevice ? `${devices.perDeviceText} W` : devices.band.term;
  else powerTerm = `(${bands.map((b) => b.term).join(" + ")})`;
  return `${powerTerm} × ${durationTerm} = ${formatQuantity(energy.energyKWh)} kWh × PUE ${pue.text} = ${formatQuantity(energy.facilityEnergyKWh)} kWh × ${where.intensityText} g/kWh = ${formatQuantity(energy.emissionsKg)} kg CO2eq`;
};
