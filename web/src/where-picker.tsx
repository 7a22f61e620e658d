// Where the job ran: a cloud provider and region (cleanest first), a country or grid zone, or a custom
// intensity with the share of offsets the authors bought.
import { useState } from "preact/hooks";
import { placeOptions, regionOptions } from "./catalog.ts";
import type { FieldMessages, FormState, WhereMode } from "./form-state.ts";
import { useData, useLists } from "./page-data.ts";
import { describedBy, FieldMessage, TextField } from "./text-field.tsx";

/** Props of the location inputs. */
export interface WherePickerProps {
  readonly state: FormState;
  readonly year: number | undefined;
  readonly messages: FieldMessages;
  readonly update: (patch: Partial<FormState>) => void;
}

const MODES: readonly [WhereMode, string][] = [
  ["cloud", "Cloud region"],
  ["grid", "Country or grid zone"],
  ["custom", "My own intensity"],
];

const CloudFields = ({ state, year, messages, update }: WherePickerProps) => {
  const { dataset } = useData();
  const lists = useLists();
  const all = regionOptions(dataset, state.provider, year);
  // Before the first result is on screen only the chosen region is listed.
  const options = lists ? all : all.filter((o) => o.value === state.region);
  const known = all.some((o) => o.value === state.region);
  return (
    <>
      <div class="field">
        <label for="provider">Provider</label>
        <select
          id="provider"
          data-testid="provider"
          value={state.provider}
          onChange={(event) => {
            const provider = event.currentTarget.value;
            const first = dataset.regions.find((r) => r.provider === provider);
            update({ provider, region: first?.id ?? "" });
          }}
        >
          {dataset.providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div class={`field${messages.region === undefined ? "" : " invalid"}`}>
        <label for="region">Region (cleanest first)</label>
        <select
          id="region"
          data-testid="region"
          value={state.region}
          aria-invalid={messages.region !== undefined}
          aria-describedby={describedBy("region", true, messages.region !== undefined)}
          onChange={(event) => update({ region: event.currentTarget.value })}
        >
          {known ? null : <option value={state.region}>{state.region || "choose a region"}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <p class="hint" id="region-hint">
          Intensity of the grid the region draws from (yearly average, location-based).
        </p>
        <FieldMessage id="region" testId="region" text={messages.region} />
      </div>
    </>
  );
};

const GridFields = ({ state, year, messages, update }: WherePickerProps) => {
  const { dataset, allZones } = useData();
  const [query, setQuery] = useState("");
  if (!allZones) {
    return (
      <p class="hint" data-testid="place-loading">
        Loading every country and grid zone…
      </p>
    );
  }
  const { countries, zones } = placeOptions(dataset, year);
  const matches = (label: string, value: string) =>
    value === state.place ||
    query
      .toLowerCase()
      .split(/\s+/)
      .every((w) => label.toLowerCase().includes(w));
  const shownCountries = countries.filter((o) => matches(o.label, o.value));
  const shownZones = zones.filter((o) => matches(o.label, o.value));
  const onSearch = (text: string) => {
    setQuery(text);
    const words = text.toLowerCase().split(/\s+/);
    const first = [...countries, ...zones].find((o) => words.every((w) => o.label.toLowerCase().includes(w)));
    if (first !== undefined) update({ place: first.value });
  };
  const known = [...countries, ...zones].some((o) => o.value === state.place);
  return (
    <div class={`field${messages.place === undefined ? "" : " invalid"}`}>
      <label for="place-search">Country or grid zone</label>
      <input
        id="place-search"
        type="search"
        autoComplete="off"
        placeholder="Search: France, California, SE-SE3…"
        value={query}
        aria-controls="place"
        data-testid="place-search"
        onInput={(event) => onSearch(event.currentTarget.value)}
      />
      <label for="place" class="visually-hidden">
        Country or grid zone
      </label>
      <select
        id="place"
        data-testid="place"
        value={state.place}
        aria-invalid={messages.place !== undefined}
        aria-describedby={describedBy("place", true, messages.place !== undefined)}
        onChange={(event) => update({ place: event.currentTarget.value })}
      >
        {known ? null : <option value={state.place}>{state.place.slice(2) || "choose a place"}</option>}
        <optgroup label="Countries">
          {shownCountries.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Grid zones (part of a country)">
          {shownZones.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      </select>
      <p class="hint" id="place-hint">
        A national average, or a grid zone when you know which part of the grid the machines used.
      </p>
      <FieldMessage id="place" testId="place" text={messages.place} />
    </div>
  );
};

const CustomFields = ({ state, messages, update }: WherePickerProps) => (
  <>
    <TextField
      id="intensity"
      testId="intensity"
      label="Grid intensity"
      unit="g CO2eq/kWh"
      value={state.intensity}
      onValue={(intensity) => update({ intensity })}
      message={messages.intensity}
      hint="Your utility's or your country's figure. 432 g/kWh was the OECD average the 2019 calculator used."
    />
    <TextField
      id="offsets"
      testId="offsets"
      label="Offsets you bought"
      unit="%"
      placeholder="0"
      value={state.offsets}
      onValue={(offsets) => update({ offsets })}
      message={messages.offsets}
      hint="Shown beside the emissions, never subtracted from them."
    />
  </>
);

/** The location inputs: one of three ways to say where the job ran. */
export const WherePicker = (props: WherePickerProps) => (
  <fieldset class="where">
    <legend>Where it ran</legend>
    <div class="segmented" role="radiogroup" aria-label="Location kind">
      {MODES.map(([mode, label]) => (
        <label key={mode} class={props.state.where === mode ? "on" : ""}>
          <input
            type="radio"
            name="where"
            value={mode}
            checked={props.state.where === mode}
            data-testid={`where-${mode}`}
            onChange={() => props.update({ where: mode })}
          />
          {label}
        </label>
      ))}
    </div>
    {props.state.where === "cloud" ? (
      <CloudFields {...props} />
    ) : props.state.where === "grid" ? (
      <GridFields {...props} />
    ) : (
      <CustomFields {...props} />
    )}
  </fieldset>
);
