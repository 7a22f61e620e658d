// The form: hardware, devices, duration, where, PUE and the advanced inputs.
import { publishedPueOf } from "../../src/core/published-pue.ts";
import type { Dataset } from "../../src/core/types.ts";
import { ExternalLink } from "./external-link.tsx";
import type { FieldMessages, FormState, TimeMode } from "./form-state.ts";
import { HardwarePicker } from "./hardware-picker.tsx";
import { useData } from "./page-data.ts";
import { PROJECT_URL } from "./project.ts";
import { SourceLink } from "./source-link.tsx";
import { describedBy, FieldMessage, TextField } from "./text-field.tsx";
import { WherePicker } from "./where-picker.tsx";

/** Props of the form. */
export interface JobFormProps {
  readonly state: FormState;
  readonly messages: FieldMessages;
  readonly update: (patch: Partial<FormState>) => void;
  /** Switches hours ⇄ device-hours, carrying the duration over. */
  readonly setTimeMode: (mode: TimeMode) => void;
  readonly year: number | undefined;
  /** Whether "Advanced" is open. */
  readonly advancedOpen: boolean;
  readonly setAdvancedOpen: (open: boolean) => void;
  /** "Missing hardware?": no catalog entry, the power is given under Advanced. */
  readonly onMissingHardware: () => void;
}

/** The PUE the engine uses when the user types none, and where it comes from. */
const prefilledPue = (dataset: Dataset, state: FormState) => {
  const fallback = dataset.defaults.unknownFacilityPue;
  if (state.where === "cloud") {
    const region = dataset.regions.find((r) => r.provider === state.provider && r.id === state.region);
    const published = region === undefined ? undefined : publishedPueOf(dataset, region);
    if (published !== undefined) {
      const provider = dataset.providers.find((p) => p.id === state.provider);
      return {
        value: published.value.value,
        what:
          published.scope === "region"
            ? "this region's published PUE"
            : `${provider?.name ?? "the provider"}'s fleet-wide PUE`,
        source: dataset.sources.get(published.value.source),
        year: published.value.year,
      };
    }
  }
  return {
    value: fallback.value,
    what: `no published PUE for this place: ${fallback.value} assumed, range up to ${dataset.defaults.unknownFacilityPueHigh.value} (industry average)`,
    source: dataset.sources.get(dataset.defaults.unknownFacilityPueHigh.source),
    year: dataset.defaults.unknownFacilityPueHigh.year,
  };
};

/** The whole form. */
export const JobForm = (props: JobFormProps) => {
  const { state, messages, update, year } = props;
  const { dataset } = useData();
  const pue = prefilledPue(dataset, state);
  return (
    <form class="job" onSubmit={(event) => event.preventDefault()} aria-label="Training job">
      <HardwarePicker
        value={state.hardware}
        onValue={(hardware) => update({ hardware })}
        onMissing={props.onMissingHardware}
        message={messages.hardware}
      />
      <div class="row">
        <TextField
          id="count"
          testId="count"
          label="Devices"
          value={state.count}
          onValue={(count) => update({ count })}
          message={messages.count}
        />
        {state.timeMode === "hours" ? (
          <TextField
            id="hours"
            testId="hours"
            label="Hours"
            unit="h"
            value={state.hours}
            onValue={(hours) => update({ hours })}
            message={messages.hours}
          />
        ) : (
          <TextField
            id="device-hours"
            testId="device-hours"
            label="Device-hours"
            unit="h"
            value={state.deviceHours}
            onValue={(deviceHours) => update({ deviceHours })}
            message={messages.deviceHours}
          />
        )}
      </div>
      <div class="segmented small" role="radiogroup" aria-label="Duration given as">
        {(
          [
            ["hours", "wall-clock hours of the job"],
            ["deviceHours", "total device-hours (GPU-hours)"],
          ] as const
        ).map(([mode, label]) => (
          <label key={mode} class={state.timeMode === mode ? "on" : ""}>
            <input
              type="radio"
              name="time-mode"
              value={mode}
              checked={state.timeMode === mode}
              data-testid={`time-${mode}`}
              onChange={() => props.setTimeMode(mode)}
            />
            {label}
          </label>
        ))}
      </div>
      <WherePicker state={state} year={year} messages={messages} update={update} />
      <div class={`field${messages.pue === undefined ? "" : " invalid"}`}>
        <label for="pue">PUE (facility overhead)</label>
        <div class="with-unit">
          <input
            id="pue"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            data-testid="pue"
            value={state.pueSet ? state.pue : String(pue.value)}
            aria-invalid={messages.pue !== undefined}
            aria-describedby={describedBy("pue", true, messages.pue !== undefined)}
            onInput={(event) => update({ pue: event.currentTarget.value, pueSet: true })}
          />
          {state.pueSet ? (
            <button type="button" class="link" onClick={() => update({ pue: "", pueSet: false })}>
              use {pue.value}
            </button>
          ) : null}
        </div>
        <p class="hint" id="pue-hint">
          {state.pueSet ? "Your value. " : "Prefilled: "}
          {pue.what}
          {pue.source === undefined ? null : (
            <>
              {" "}
              (<SourceLink source={pue.source} year={pue.year} />)
            </>
          )}
          .
        </p>
        <FieldMessage id="pue" testId="pue" text={messages.pue} />
      </div>
      <details
        class="advanced"
        open={props.advancedOpen}
        onToggle={(event) => props.setAdvancedOpen(event.currentTarget.open)}
      >
        <summary>Advanced: utilization, measured power, grid year</summary>
        <TextField
          id="utilization"
          testId="utilization"
          label="Average utilization"
          unit="%"
          placeholder="100"
          value={state.utilization}
          onValue={(utilization) => update({ utilization })}
          message={messages.utilization}
          hint="Empty: the device is assumed at its TDP (as the 2019 calculator did); the range starts at 50 %."
        />
        <TextField
          id="watts"
          testId="watts"
          label="Measured average power per device"
          unit="W"
          value={state.watts}
          onValue={(watts) => update({ watts })}
          message={messages.watts}
          hint={
            <>
              From nvidia-smi or mlco2 track, or a datasheet's power for hardware the catalog lacks; replaces
              the TDP model. Missing hardware? <ExternalLink href={PROJECT_URL}>Ask for it</ExternalLink>.
            </>
          }
        />
        {state.where === "custom" ? null : (
          <div class={`field${messages.year === undefined ? "" : " invalid"}`}>
            <label for="year">Grid data year</label>
            <select
              id="year"
              data-testid="year"
              value={state.year}
              aria-invalid={messages.year !== undefined}
              aria-describedby={describedBy("year", false, messages.year !== undefined)}
              onChange={(event) => update({ year: event.currentTarget.value })}
            >
              <option value="">latest available</option>
              {dataset.grid.years.map((y) => (
                <option key={y} value={String(y)}>
                  {y}
                </option>
              ))}
            </select>
            <FieldMessage id="year" testId="year" text={messages.year} />
          </div>
        )}
      </details>
    </form>
  );
};
