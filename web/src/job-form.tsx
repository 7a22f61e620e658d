// The form: hardware × devices or a cloud instance type × instances, duration, where, PUE and the
// advanced inputs.
import type { FunctionComponent } from "preact";
import { formatRatio } from "../../src/core/format-number.ts";
import { publishedPueOf } from "../../src/core/published-pue.ts";
import { providerFacilityPue } from "../../src/core/resolve-location.ts";
import type { Dataset } from "../../src/core/types.ts";
import { ExternalLink } from "./external-link.tsx";
import type { FieldMessages, FormState, MachineMode, TimeMode } from "./form-state.ts";
import { HardwarePicker } from "./hardware-picker.tsx";
import { chosenInstance, INSTANCES_FAILED, isCpuOnlyInstance } from "./instance-choice.ts";
import type { InstancePickerProps } from "./instance-picker.tsx";
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
  /** Switches hardware × count ⇄ instance type × instances, keeping the job where it can. */
  readonly setMachine: (machine: MachineMode) => void;
  /** The instance picker, once its chunk has loaded (null before). */
  readonly instancePicker: FunctionComponent<InstancePickerProps> | null;
  /** Starts loading the instance picker (the visitor reaches for the switch). */
  readonly onReachInstances: () => void;
  /** The instance picker's chunk could not be fetched. */
  readonly instancesFailed: boolean;
}

const MACHINES: readonly [MachineMode, string][] = [
  ["hardware", "Hardware × count"],
  ["instance", "Cloud instance type"],
];

/** The PUE the engine uses when the user types none, and where it comes from. */
const prefilledPue = (dataset: Dataset, state: FormState) => {
  const fallback = dataset.defaults.unknownFacilityPue;
  const instance = state.machine === "instance" ? chosenInstance(dataset, state.instance) : undefined;
  // An instance type placed by country, zone or intensity runs in a facility of its provider.
  if (instance !== undefined && state.where !== "cloud") {
    const pue = providerFacilityPue(dataset, instance.provider);
    if (pue.factor.kind === "published") {
      const provider = dataset.providers.find((p) => p.id === instance.provider);
      return {
        value: pue.value,
        what: `${provider?.name ?? "the provider"}'s fleet-wide PUE (an instance type of ${provider?.name ?? "the provider"}, no region given)`,
        source: pue.factor.source ?? undefined,
        year: pue.factor.year,
      };
    }
  }
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
  const low = fallback.range?.low ?? fallback.value;
  const high = fallback.range?.high ?? dataset.defaults.unknownFacilityPueHigh.value;
  return {
    value: fallback.value,
    what: `no published PUE for this place: ${formatRatio(fallback.value)}, the industry average, assumed; the range goes from ${formatRatio(low)} (an efficient facility) to ${formatRatio(high)}`,
    source: dataset.sources.get(fallback.source),
    year: fallback.year,
  };
};

/** Hardware × count or a cloud instance type; the instance picker loads when the visitor reaches for it. */
const MachineSwitch = ({
  machine,
  setMachine,
  onReach,
}: {
  machine: MachineMode;
  setMachine: (m: MachineMode) => void;
  onReach: () => void;
}) => (
  <div
    class="segmented"
    role="radiogroup"
    aria-label="What ran"
    onPointerEnter={onReach}
    onFocusIn={onReach}
    onTouchStart={onReach}
  >
    {MACHINES.map(([mode, label]) => (
      <label key={mode} class={machine === mode ? "on" : ""}>
        <input
          type="radio"
          name="machine"
          value={mode}
          checked={machine === mode}
          data-testid={`machine-${mode}`}
          onChange={() => setMachine(mode)}
        />
        {label}
      </label>
    ))}
  </div>
);

/** The whole form. */
export const JobForm = (props: JobFormProps) => {
  const { state, messages, update, year } = props;
  const { dataset } = useData();
  const pue = prefilledPue(dataset, state);
  const byInstance = state.machine === "instance";
  const Picker = props.instancePicker;
  const cpuOnly = isCpuOnlyInstance(dataset, state);
  return (
    <form class="job" onSubmit={(event) => event.preventDefault()} aria-label="Training job">
      <MachineSwitch machine={state.machine} setMachine={props.setMachine} onReach={props.onReachInstances} />
      {!byInstance ? (
        <HardwarePicker
          value={state.hardware}
          onValue={(hardware) => update({ hardware })}
          onMissing={props.onMissingHardware}
          message={messages.hardware}
        />
      ) : Picker === null ? (
        <p class="hint" data-testid="instance-loading">
          {props.instancesFailed ? INSTANCES_FAILED : "Loading the cloud instance types…"}
        </p>
      ) : (
        <Picker state={state} message={messages.instance} update={update} />
      )}
      <div class="row">
        <TextField
          id="count"
          testId="count"
          label={byInstance ? "Instances" : "Devices"}
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
            [
              "deviceHours",
              byInstance ? "total GPU-hours (instance-hours if CPUs only)" : "total device-hours (GPU-hours)",
            ],
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
        <summary>Advanced: utilization, measured power, grid year, embodied emissions</summary>
        <TextField
          id="utilization"
          testId="utilization"
          label={
            byInstance
              ? cpuOnly
                ? "Average CPU utilization"
                : "Average GPU utilization"
              : "Average utilization"
          }
          unit="%"
          placeholder="100"
          value={state.utilization}
          onValue={(utilization) => update({ utilization })}
          message={messages.utilization}
          hint={
            byInstance
              ? `Empty: its ${cpuOnly ? "CPUs are" : "accelerators and CPUs are"} assumed at their TDP (as the 2019 calculator did); the range starts at 50 %.`
              : "Empty: the device is assumed at its TDP (as the 2019 calculator did); the range starts at 50 %."
          }
        />
        {byInstance ? null : (
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
                From nvidia-smi or mlco2 track, or a datasheet's power for hardware the catalog lacks;
                replaces the TDP model. Missing hardware?{" "}
                <ExternalLink href={PROJECT_URL}>Ask for it</ExternalLink>.
              </>
            }
          />
        )}
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
        <div class="field check">
          <label>
            <input
              type="checkbox"
              id="embodied"
              data-testid="include-embodied"
              checked={state.embodied}
              aria-describedby="embodied-hint"
              onChange={(event) => update({ embodied: event.currentTarget.checked })}
            />
            Include embodied emissions
          </label>
          <p class="hint" id="embodied-hint">
            The job's share of manufacturing its hardware, spread over a{" "}
            {dataset.embodied.serviceLifeYears.value}-year service life: shown as its own figure beside the
            operational one, with the total of both; the headline stays operational.
          </p>
        </div>
      </details>
    </form>
  );
};
