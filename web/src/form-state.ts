// The form's state as the user typed it (strings), its URL encoding, and its translation into an
// engine input with one message per field. Pure: no DOM.
import type { Problem } from "../../src/core/errors.ts";
import type { EstimateInput } from "../../src/core/types.ts";

/** Where the job ran: a cloud region, a country or grid zone, or an intensity the user gives. */
export type WhereMode = "cloud" | "grid" | "custom";

/** Hours per device, or total device-hours. */
export type TimeMode = "hours" | "deviceHours";

/** What ran: catalog hardware × count, or a cloud instance type × instances. */
export type MachineMode = "hardware" | "instance";

/** Everything on the form, as typed. Empty strings mean "not given" (the engine's default applies). */
export interface FormState {
  /** Whether `hardware` or `instance` says what ran. */
  readonly machine: MachineMode;
  /** Catalog hardware id. */
  readonly hardware: string;
  /** Cloud instance type as "provider:type" ("" until one is chosen). */
  readonly instance: string;
  /** Number of devices, or of instances. */
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
  /** Whether the embodied (manufacturing) emissions are computed beside the operational ones (advanced). */
  readonly embodied: boolean;
}

/** Fields that can carry a message. */
export type FieldKey =
  | "hardware"
  | "instance"
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
  machine: "hardware",
  hardware: "nvidia-a100-sxm4-80gb",
  instance: "",
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
  embodied: false,
};

/** Query parameter of each state field in a permalink. */
const PARAM = {
  hardware: "hw",
  instance: "inst",
  embodied: "emb",
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
  if (state.machine === "instance") params.set(PARAM.instance, state.instance);
  else params.set(PARAM.hardware, state.hardware);
  params.set(PARAM.count, state.count);
  if (state.timeMode === "hours") params.set(PARAM.hours, state.hours);
  else params.set(PARAM.deviceHours, state.deviceHours);
  for (const key of ["utilization", "watts", "year"] as const) {
    if (state[key] !== "") params.set(PARAM[key], state[key]);
  }
  if (state.pueSet) params.set(PARAM.pue, state.pue);
  if (state.embodied) params.set(PARAM.embodied, "1");
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

/** What a permalink may name as a cloud location: provider ids (and aliases) and their region ids. */
export interface KnownPlaces {
  /** Provider id by lower-case id or alias. */
  readonly providerByKey: ReadonlyMap<string, { readonly id: string }>;
  /** Every region as provider id and region id. */
  readonly regions: readonly { readonly provider: string; readonly id: string }[];
}

/** A permalink read into a form state, with what could not be read from it. */
export interface Permalink {
  readonly state: FormState;
  /** One sentence per parameter that was not understood (the default is shown instead). */
  readonly problems: readonly string[];
}

/** Reads `r=provider:region`: a known provider (id or alias), or a region id that only one provider has. */
const readRegion = (
  text: string,
  known: KnownPlaces,
): { provider: string; region: string } | { problem: string } => {
  const example = `${DEFAULT_STATE.provider}:${DEFAULT_STATE.region}`;
  const colon = text.indexOf(":");
  if (colon < 0) {
    const owners = known.regions.filter((r) => r.id.toLowerCase() === text.toLowerCase());
    const [only] = owners;
    if (owners.length === 1 && only !== undefined) return { provider: only.provider, region: only.id };
    return {
      problem: `The link's region "${text}" is not a provider:region such as ${example}; the default region is shown.`,
    };
  }
  const providerText = text.slice(0, colon);
  const provider = known.providerByKey.get(providerText.toLowerCase());
  if (provider === undefined) {
    const ids = [...new Set([...known.providerByKey.values()].map((p) => p.id))].join(", ");
    return {
      problem: `The link's provider "${providerText}" is not one of ${ids}; the default region is shown.`,
    };
  }
  return { provider: provider.id, region: text.slice(colon + 1) };
};

/** The provider id an instance type's "provider:" prefix names, if any. */
const providerOfInstance = (instance: string, known: KnownPlaces): string | undefined => {
  const colon = instance.indexOf(":");
  return colon < 0 ? undefined : known.providerByKey.get(instance.slice(0, colon).trim().toLowerCase())?.id;
};

/** Reads a permalink's query string; anything absent keeps its default, anything unreadable is reported. */
export const readPermalink = (query: string, known: KnownPlaces): Permalink => {
  const params = new URLSearchParams(query);
  const get = (name: string): string | undefined => params.get(name) ?? undefined;
  let state: FormState = { ...DEFAULT_STATE };
  const problems: string[] = [];
  const set = (patch: Partial<FormState>) => {
    state = { ...state, ...patch };
  };
  const hardware = get(PARAM.hardware);
  if (hardware !== undefined) set({ hardware });
  // An intensity never holds a colon: `i=aws:p4d.24xlarge` names an instance type, as `inst` does.
  const intensityParam = get("i");
  const instance = get(PARAM.instance) ?? (intensityParam?.includes(":") ? intensityParam : undefined);
  if (instance !== undefined) set({ machine: "instance", instance: instance.trim() });
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
  const embodied = get(PARAM.embodied);
  if (embodied === "1" || embodied === "0") set({ embodied: embodied === "1" });
  else if (embodied !== undefined)
    problems.push(`The link's emb "${shown(embodied)}" is not 1 or 0; embodied emissions are left out.`);
  const region = get("r");
  const country = get("c");
  const zone = get("z");
  const intensity = intensityParam === instance ? undefined : intensityParam;
  if (region === undefined && country === undefined && zone === undefined && intensity === undefined) {
    // An instance type alone runs in its provider's cloud: the provider's first region, as the form picks.
    const provider = instance === undefined ? undefined : providerOfInstance(instance, known);
    const first = known.regions.find((r) => r.provider === provider);
    if (first !== undefined) set({ where: "cloud", provider: first.provider, region: first.id });
  } else if (region !== undefined) {
    const read = readRegion(region, known);
    if ("problem" in read) problems.push(read.problem);
    else set({ where: "cloud", ...read });
  } else if (country !== undefined) set({ where: "grid", place: `c:${country}` });
  else if (zone !== undefined) set({ where: "grid", place: `z:${zone}` });
  else if (intensity !== undefined) set({ where: "custom", intensity, offsets: get(PARAM.offsets) ?? "" });
  // Placed by country, zone or intensity, an instance type still lists its provider's types.
  const own = instance === undefined ? undefined : providerOfInstance(instance, known);
  const ownFirst = known.regions.find((r) => r.provider === own);
  if (state.where !== "cloud" && ownFirst !== undefined)
    set({ provider: ownFirst.provider, region: ownFirst.id });
  return { state, problems };
};

/**
 * Switches between hours and device-hours, carrying the duration over (devices × hours, or back); an
 * instance counts its accelerators as devices (`devicesPerUnit`, 1 for hardware and CPU-only types).
 */
export const withTimeMode = (state: FormState, mode: TimeMode, devicesPerUnit = 1): FormState => {
  if (mode === state.timeMode) return state;
  const units = parseNumber(state.count);
  const count = units === undefined ? undefined : units * devicesPerUnit;
  const usable = count !== undefined && count > 0;
  const round = (n: number) => String(Number(n.toPrecision(12)));
  if (mode === "deviceHours") {
    const hours = parseNumber(state.hours);
    return {
      ...state,
      timeMode: mode,
      deviceHours: usable && hours !== undefined ? round(count * hours) : state.deviceHours,
    };
  }
  const deviceHours = parseNumber(state.deviceHours);
  return {
    ...state,
    timeMode: mode,
    hours: usable && deviceHours !== undefined ? round(deviceHours / count) : state.hours,
  };
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** Parses a typed number: spaces and underscores are ignored; anything else that is not a number is refused. */
export const parseNumber = (text: string): number | undefined => {
  const clean = text.replace(/[\s_]/g, "");
  return NUMBER.test(clean) ? Number(clean) : undefined;
};

/** A typed value as quoted in a message: at most 40 characters, control characters escaped. */
const shown = (text: string): string => {
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped
  return cut.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
};

/** Engine problem paths → the form field that shows the message. */
const FIELD_OF_PATH: Record<string, FieldKey> = {
  hardware: "hardware",
  instance: "instance",
  cpuUtilization: "utilization",
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

/**
 * A problem's message as shown under its field, where the field's label already names it: a leading
 * "path: " is dropped when the message has one, and kept off when it does not.
 */
export const fieldMessageOf = (problem: Problem): string => {
  const prefix = `${problem.path}: `;
  const message = problem.message.startsWith(prefix) ? problem.message.slice(prefix.length) : problem.message;
  // The CLI's pointer to `mlco2 instances`: the page's list is right there.
  return problem.code === "unknown-instance"
    ? message.replace(/ \(list them with mlco2 instances\)$/, "")
    : message;
};

/** Each field's label, for messages shown away from the field. */
export const FIELD_LABEL: Record<FieldKey, string> = {
  hardware: "Hardware",
  instance: "Instance type",
  count: "Devices",
  hours: "Hours",
  deviceHours: "Device-hours",
  utilization: "Average utilization",
  watts: "Measured average power",
  region: "Region",
  place: "Country or grid zone",
  intensity: "Grid intensity",
  offsets: "Offsets you bought",
  pue: "PUE",
  year: "Grid data year",
};

/** A field's label as the form shows it now (the count counts instances when an instance type is chosen). */
export const fieldLabelOf = (key: FieldKey, state: FormState): string =>
  key === "count" && state.machine === "instance" ? "Instances" : FIELD_LABEL[key];

/**
 * The engine input for the state, or the messages of the fields that cannot be read. `cpuOnlyInstance`:
 * the chosen instance type has no accelerators, so the utilization typed is its CPUs'.
 */
export const inputOf = (
  state: FormState,
  cpuOnlyInstance = false,
):
  | { ok: true; input: EstimateInput; offsetsShare: number | null }
  | { ok: false; messages: FieldMessages } => {
  const messages: FieldMessages = {};
  const input: { -readonly [K in keyof EstimateInput]: EstimateInput[K] } = {};
  const read = (key: FieldKey, required: boolean): number | undefined => {
    const text = state[key as keyof FormState] as string;
    if (text.trim() === "") {
      if (required) messages[key] = "required";
      return undefined;
    }
    const value = parseNumber(text);
    if (value === undefined) messages[key] = `"${shown(text)}" is not a number`;
    return value;
  };
  const byInstance = state.machine === "instance";
  if (byInstance) {
    if (state.instance.trim() === "") messages.instance = "required: choose an instance type";
    else input.instance = state.instance;
  } else if (state.hardware !== "") input.hardware = state.hardware;
  const count = read("count", true);
  if (count !== undefined) input.count = count;
  if (state.timeMode === "hours") {
    const hours = read("hours", true);
    if (hours !== undefined) input.hours = hours;
  } else {
    const deviceHours = read("deviceHours", true);
    if (deviceHours !== undefined) input.deviceHours = deviceHours;
  }
  const utilization = read("utilization", false);
  if (utilization !== undefined) {
    if (utilization < 0 || utilization > 100)
      messages.utilization = `${utilization} % is not allowed; use 0 to 100 %`;
    else if (byInstance && cpuOnlyInstance) input.cpuUtilization = utilization / 100;
    else input.utilization = utilization / 100;
  }
  // An instance type says its power: the measured watts field is hidden then, and not read.
  const watts = byInstance ? undefined : read("watts", false);
  if (watts !== undefined) {
    input.watts = watts;
    input.wattsKind = "measured";
  }
  if (input.watts !== undefined && input.utilization !== undefined) {
    messages.utilization = "leave empty when measured watts are given (they already are the average power)";
  }
  if (state.pueSet) {
    const pue = read("pue", true);
    if (pue !== undefined) input.pue = pue;
  }
  if (state.embodied) input.embodied = true;
  let offsetsShare: number | null = null;
  if (state.where === "cloud") input.region = `${state.provider}:${state.region}`;
  else if (state.where === "grid") {
    const id = state.place.slice(2);
    if (state.place.startsWith("z:")) input.zone = id;
    else input.country = id;
  } else {
    const intensity = read("intensity", true);
    if (intensity !== undefined) input.intensity = intensity;
    const offsets = read("offsets", false);
    if (offsets !== undefined) {
      if (offsets < 0 || offsets > 100) messages.offsets = `${offsets} % is not allowed; use 0 to 100 %`;
      else offsetsShare = offsets / 100;
    }
  }
  if (state.year !== "" && state.where !== "custom") {
    const year = parseNumber(state.year);
    if (year === undefined || !Number.isInteger(year)) messages.year = `"${shown(state.year)}" is not a year`;
    else input.year = year;
  }
  if (Object.keys(messages).length > 0) return { ok: false, messages };
  return { ok: true, input, offsetsShare };
};
