// The form's state as the user typed it (strings), its URL encoding, and its translation into an
// engine input with one message per field. Pure: no DOM.
import type { Problem } from "../../src/core/errors.ts";
import type { EstimateInput } from "../../src/core/types.ts";

/** Where the job ran: a cloud region, a country or grid zone, or an intensity the user gives. */
export type WhereMode = "cloud" | "grid" | "custom";

/** Hours per device, or total device-hours. */
export type TimeMode = "hours" | "deviceHours";

/** Everything on the form, as typed. Empty strings mean "not given" (the engine's default applies). */
export interface FormState {
  /** Catalog hardware id. */
  readonly hardware: string;
  /** Number of devices. */
  readonly count: string;
  /** Whether `hours` or `deviceHours` is the duration given. */
  readonly timeMode: TimeMode;
  /** Hours each device ran. */
  readonly hours: string;
  /** Total device-hours. */
  readonly deviceHours: string;
  /** Average utilization in percent (advanced). */
  readonly utilization: string;
  /** Measured average watts per device (advanced). */
  readonly watts: string;
  /** Which location input is used. */
  readonly where: WhereMode;
  /** Cloud provider id. */
  readonly provider: string;
  /** Region id within the provider. */
  readonly region: string;
  /** Country or grid zone: "c:FR" or "z:US-CAL-CISO". */
  readonly place: string;
  /** Custom grid intensity, gCO2eq/kWh. */
  readonly intensity: string;
  /** Share of the emissions offset by the authors, percent (custom intensity). */
  readonly offsets: string;
  /** PUE typed by the user (used only when `pueSet`). */
  readonly pue: string;
  /** Whether the user changed the prefilled PUE; otherwise the published or default value applies. */
  readonly pueSet: boolean;
  /** Grid data year; empty = latest. */
  readonly year: string;
}

/** Fields that can carry a message. */
export type FieldKey =
  | "hardware"
  | "count"
  | "hours"
  | "deviceHours"
  | "utilization"
  | "watts"
  | "region"
  | "place"
  | "intensity"
  | "offsets"
  | "pue"
  | "year";

/** One message per field. */
export type FieldMessages = Partial<Record<FieldKey, string>>;

/** What the page opens with: a common fine-tuning job on the calculator's historical example region. */
export const DEFAULT_STATE: FormState = {
  hardware: "nvidia-a100-sxm4-80gb",
  count: "8",
  timeMode: "hours",
  hours: "100",
  deviceHours: "",
  utilization: "",
  watts: "",
  where: "cloud",
  provider: "gcp",
  region: "us-central1",
  place: "c:FR",
  intensity: "432",
  offsets: "",
  pue: "",
  pueSet: false,
  year: "",
};

/** Query parameter of each state field in a permalink. */
const PARAM = {
  hardware: "hw",
  count: "n",
  hours: "h",
  deviceHours: "dh",
  utilization: "u",
  watts: "w",
  pue: "pue",
  year: "y",
  offsets: "off",
} as const satisfies Partial<Record<keyof FormState, string>>;

/** Encodes the state as a query string (only what differs from an empty form, plus the location). */
export const stateToQuery = (state: FormState): string => {
  const params = new URLSearchParams();
  params.set(PARAM.hardware, state.hardware);
  params.set(PARAM.count, state.count);
  if (state.timeMode === "hours") params.set(PARAM.hours, state.hours);
  else params.set(PARAM.deviceHours, state.deviceHours);
  for (const key of ["utilization", "watts", "year"] as const) {
    if (state[key] !== "") params.set(PARAM[key], state[key]);
  }
  if (state.pueSet) params.set(PARAM.pue, state.pue);
  if (state.where === "cloud") params.set("r", `${state.provider}:${state.region}`);
  else if (state.where === "grid") {
    const [kind, id] = [state.place.slice(0, 1), state.place.slice(2)];
    params.set(kind === "z" ? "z" : "c", id);
  } else {
    params.set("i", state.intensity);
    if (state.offsets !== "") params.set(PARAM.offsets, state.offsets);
  }
  return params.toString();
};

/** Reads a permalink's query string; anything absent keeps its default. */
export const stateFromQuery = (query: string): FormState => {
  const params = new URLSearchParams(query);
  const get = (name: string): string | undefined => params.get(name) ?? undefined;
  let state: FormState = { ...DEFAULT_STATE };
  const set = (patch: Partial<FormState>) => {
    state = { ...state, ...patch };
  };
  const hardware = get(PARAM.hardware);
  if (hardware !== undefined) set({ hardware });
  const count = get(PARAM.count);
  if (count !== undefined) set({ count });
  const hours = get(PARAM.hours);
  const deviceHours = get(PARAM.deviceHours);
  if (deviceHours !== undefined && hours === undefined)
    set({ timeMode: "deviceHours", deviceHours, hours: "" });
  else if (hours !== undefined) set({ hours });
  for (const key of ["utilization", "watts", "year"] as const) {
    const value = get(PARAM[key]);
    if (value !== undefined) set({ [key]: value });
  }
  const pue = get(PARAM.pue);
  if (pue !== undefined) set({ pue, pueSet: true });
  const region = get("r");
  const country = get("c");
  const zone = get("z");
  const intensity = get("i");
  if (region !== undefined) {
    const colon = region.indexOf(":");
    set({ where: "cloud", provider: region.slice(0, colon), region: region.slice(colon + 1) });
  } else if (country !== undefined) set({ where: "grid", place: `c:${country}` });
  else if (zone !== undefined) set({ where: "grid", place: `z:${zone}` });
  else if (intensity !== undefined) set({ where: "custom", intensity, offsets: get(PARAM.offsets) ?? "" });
  return state;
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** Parses a typed number: spaces and underscores are ignored; anything else that is not a number is refused. */
export const parseNumber = (text: string): number | undefined => {
  const clean = text.replace(/[\s_]/g, "");
  return NUMBER.test(clean) ? Number(clean) : undefined;
};

/** Engine problem paths → the form field that shows the message. */
const FIELD_OF_PATH: Record<string, FieldKey> = {
  hardware: "hardware",
  count: "count",
  hours: "hours",
  deviceHours: "deviceHours",
  utilization: "utilization",
  watts: "watts",
  region: "region",
  country: "place",
  zone: "place",
  intensity: "intensity",
  pue: "pue",
  year: "year",
};

/** The field that shows an engine problem (undefined: shown above the results). */
export const fieldOfProblem = (problem: Problem, state: FormState): FieldKey | undefined => {
  if (problem.path === "hours" && state.timeMode === "deviceHours") return "deviceHours";
  return FIELD_OF_PATH[problem.path];
};

/** The engine input for the state, or the messages of the fields that cannot be read. */
export const inputOf = (
  state: FormState,
):
  | { ok: true; input: EstimateInput; offsetsShare: number | null }
  | { ok: false; messages: FieldMessages } => {
  const messages: FieldMessages = {};
  const input: { -readonly [K in keyof EstimateInput]: EstimateInput[K] } = {};
  const read = (key: FieldKey, label: string, required: boolean): number | undefined => {
    const text = state[key as keyof FormState] as string;
    if (text.trim() === "") {
      if (required) messages[key] = `${label}: required`;
      return undefined;
    }
    const value = parseNumber(text);
    if (value === undefined) messages[key] = `${label}: "${text}" is not a number`;
    return value;
  };
  if (state.hardware !== "") input.hardware = state.hardware;
  const count = read("count", "count", true);
  if (count !== undefined) input.count = count;
  if (state.timeMode === "hours") {
    const hours = read("hours", "hours", true);
    if (hours !== undefined) input.hours = hours;
  } else {
    const deviceHours = read("deviceHours", "device-hours", true);
    if (deviceHours !== undefined) input.deviceHours = deviceHours;
  }
  const utilization = read("utilization", "utilization", false);
  if (utilization !== undefined) {
    if (utilization < 0 || utilization > 100)
      messages.utilization = `utilization: ${utilization} % is not allowed; use 0 to 100 %`;
    else input.utilization = utilization / 100;
  }
  const watts = read("watts", "watts", false);
  if (watts !== undefined) {
    input.watts = watts;
    input.wattsKind = "measured";
  }
  if (input.watts !== undefined && input.utilization !== undefined) {
    messages.utilization =
      "utilization: leave empty when measured watts are given (they already are the average power)";
  }
  if (state.pueSet) {
    const pue = read("pue", "PUE", true);
    if (pue !== undefined) input.pue = pue;
  }
  let offsetsShare: number | null = null;
  if (state.where === "cloud") input.region = `${state.provider}:${state.region}`;
  else if (state.where === "grid") {
    const id = state.place.slice(2);
    if (state.place.startsWith("z:")) input.zone = id;
    else input.country = id;
  } else {
    const intensity = read("intensity", "intensity", true);
    if (intensity !== undefined) input.intensity = intensity;
    const offsets = read("offsets", "offsets bought", false);
    if (offsets !== undefined) {
      if (offsets < 0 || offsets > 100)
        messages.offsets = `offsets bought: ${offsets} % is not allowed; use 0 to 100 %`;
      else offsetsShare = offsets / 100;
    }
  }
  if (state.year !== "" && state.where !== "custom") {
    const year = parseNumber(state.year);
    if (year === undefined || !Number.isInteger(year)) messages.year = `year: "${state.year}" is not a year`;
    else input.year = year;
  }
  if (Object.keys(messages).length > 0) return { ok: false, messages };
  return { ok: true, input, offsetsShare };
};
