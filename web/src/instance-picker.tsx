// The cloud instance types and their picker: a chunk of its own, loaded when a visitor reaches for the
// "Cloud instance type" switch or opens a link that names one. A search box filters the provider's types
// as `mlco2 instances` does (typing selects the first match), the list shows each type's accelerators,
// vCPUs and memory, and the hint what the chosen one is made of, with its source.

import { useState } from "preact/hooks";
import { findHardware } from "../../src/core/dataset-index.ts";
import { type InstanceParts, instancePartsOf } from "../../src/core/estimate/instance.ts";
import { instanceNameOf } from "../../src/core/find-instance.ts";
import { formatQuantity } from "../../src/core/format-number.ts";
import { searchInstances } from "../../src/core/instance-search.ts";
import type { Dataset, InstanceType } from "../../src/core/types.ts";
import type { FormState } from "./form-state.ts";
import { chosenInstance } from "./instance-choice.ts";
import { instanceProviders } from "./instance-switch.ts";
import { useData } from "./page-data.ts";
import { SourceLink } from "./source-link.tsx";
import { describedBy, FieldMessage } from "./text-field.tsx";

export { instances } from "../../src/data/instances/index.ts";
export { withDefaultInstance, withInstanceProvider, withMachine } from "./instance-switch.ts";

/** Props of the instance picker. */
export interface InstancePickerProps {
  readonly state: FormState;
  /** The instance field's problem. */
  readonly message: string | undefined;
  readonly update: (patch: Partial<FormState>) => void;
}

/** Memory as the provider lists it: GiB for AWS and Azure, GB for Google Cloud. */
const memoryText = (type: InstanceType) =>
  `${formatQuantity(type.memoryGB)} ${type.provider === "gcp" ? "GB" : "GiB"}`;

const acceleratorsText = (dataset: Dataset, type: InstanceType) =>
  type.accelerators === undefined
    ? null
    : `${type.accelerators.count} × ${findHardware(dataset, type.accelerators.hardware)?.name ?? type.accelerators.hardware}`;

/** "p4d.24xlarge · 8 × NVIDIA A100 SXM4 40GB · 96 vCPUs · 1,152 GiB": the type first, so a narrow select keeps it. */
const optionText = (dataset: Dataset, type: InstanceType) =>
  [type.id, acceleratorsText(dataset, type), `${type.vcpus} vCPUs`, memoryText(type)]
    .filter((part) => part !== null)
    .join(" · ");

const Option = ({ dataset, type }: { dataset: Dataset; type: InstanceType }) => (
  <option value={instanceNameOf(type)}>{optionText(dataset, type)}</option>
);

/** The provider's types, accelerated ones first, each group in catalog order. */
const Groups = ({ dataset, types }: { dataset: Dataset; types: readonly InstanceType[] }) => {
  const groups = [
    ["GPUs and accelerators", types.filter((t) => t.accelerators !== undefined)],
    ["CPUs only", types.filter((t) => t.accelerators === undefined)],
  ] as const;
  return (
    <>
      {groups.map(([label, members]) =>
        members.length === 0 ? null : (
          <optgroup key={label} label={label}>
            {members.map((t) => (
              <Option key={t.id} dataset={dataset} type={t} />
            ))}
          </optgroup>
        ),
      )}
    </>
  );
};

/** The vCPUs' share of the host's CPU packages, as the engine charges it. */
const cpuShareText = (parts: InstanceParts): string => {
  const { cpu, packages, type } = parts;
  if (cpu === null || packages === null) return "";
  if (packages >= 1) return ` = ${formatQuantity(packages)} × ${cpu.name} (${cpu.tdpW} W each)`;
  const threads = cpu.threads ?? cpu.cores;
  return ` = ${type.vcpus} of the ${threads} threads of one ${cpu.name} (${cpu.tdpW} W)`;
};

/** What the chosen type is made of, with its source. */
const Parts = ({ dataset, type }: { dataset: Dataset; type: InstanceType }) => {
  const parts = instancePartsOf(dataset, type);
  const source = dataset.sources.get(type.source);
  const accelerators = acceleratorsText(dataset, type);
  return (
    <>
      {accelerators === null ? "No accelerators" : accelerators} · {type.vcpus} vCPUs of {type.cpuFamily}
      {cpuShareText(parts)} · {memoryText(type)} memory · {type.released}
      {source === undefined ? null : (
        <>
          {" "}
          · <SourceLink source={source} />
        </>
      )}
      {type.note === undefined ? null : <span class="note"> · {type.note}</span>}
    </>
  );
};

/** The provider select shown when the location is not a cloud region (else the region's provider is used). */
const ProviderSelect = ({ state, update }: Pick<InstancePickerProps, "state" | "update">) => {
  const { dataset } = useData();
  const providers = instanceProviders(dataset);
  return (
    <div class="field">
      <label for="instance-provider">Provider of the instance type</label>
      <select
        id="instance-provider"
        data-testid="instance-provider"
        value={state.provider}
        onChange={(event) => {
          const provider = event.currentTarget.value;
          const first = dataset.regions.find((r) => r.provider === provider);
          update({ provider, region: first?.id ?? "" });
        }}
      >
        {providers.some((p) => p.id === state.provider) ? null : (
          <option value={state.provider}>{state.provider}</option>
        )}
        {providers.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
};

/** Searchable list of the provider's instance types. */
export const InstancePicker = ({ state, message, update }: InstancePickerProps) => {
  const { dataset } = useData();
  const [query, setQuery] = useState("");
  const provider = dataset.providers.find((p) => p.id === state.provider);
  const own = searchInstances(dataset, "", state.provider);
  const matches = query.trim() === "" ? own : searchInstances(dataset, query, state.provider);
  const selected = chosenInstance(dataset, state.instance);
  const onSearch = (text: string) => {
    setQuery(text);
    const best = text.trim() === "" ? undefined : searchInstances(dataset, text, state.provider)[0];
    if (best !== undefined && instanceNameOf(best) !== state.instance)
      update({ instance: instanceNameOf(best) });
  };
  const whose = provider?.name ?? state.provider;
  const status =
    own.length === 0
      ? `The catalog has no instance types of ${whose}; ${instanceProviders(dataset)
          .map((p) => p.name)
          .join(", ")} have them.`
      : matches.length === 0
        ? "No match: the selection is unchanged."
        : "";
  return (
    <>
      {state.where === "cloud" ? null : <ProviderSelect state={state} update={update} />}
      <div class={`field${message === undefined ? "" : " invalid"}`}>
        <label for="instance-search">Instance type</label>
        <input
          id="instance-search"
          type="search"
          placeholder="Search: p4d, a3, ND96, H100, c6i…"
          autoComplete="off"
          value={query}
          aria-controls="instance"
          aria-describedby="instance-search-status"
          data-testid="instance-search"
          onInput={(event) => onSearch(event.currentTarget.value)}
        />
        <p
          class="search-status"
          id="instance-search-status"
          aria-live="polite"
          data-testid="instance-search-status"
        >
          {status}
        </p>
        <label for="instance" class="visually-hidden">
          Instance type of {whose}
        </label>
        <select
          id="instance"
          data-testid="instance"
          value={state.instance}
          aria-invalid={message !== undefined}
          aria-describedby={describedBy("instance", true, message !== undefined)}
          onChange={(event) => update({ instance: event.currentTarget.value })}
        >
          {selected === undefined || selected.provider !== state.provider ? (
            <option value={state.instance}>
              {state.instance === "" ? "choose an instance type" : state.instance}
            </option>
          ) : null}
          {matches.length > 0 && query.trim() !== "" ? (
            <optgroup label={`Matches for "${query.trim().slice(0, 40)}"`}>
              {matches.map((t) => (
                <Option key={t.id} dataset={dataset} type={t} />
              ))}
            </optgroup>
          ) : (
            <Groups dataset={dataset} types={own} />
          )}
          {selected !== undefined &&
          selected.provider === state.provider &&
          query.trim() !== "" &&
          !matches.includes(selected) ? (
            <Option dataset={dataset} type={selected} />
          ) : null}
        </select>
        <p class="hint" id="instance-hint" data-testid="instance-parts">
          {selected === undefined ? (
            `Instance types of ${whose}${state.where === "cloud" ? ", the provider of the region below" : ""}.`
          ) : (
            <Parts dataset={dataset} type={selected} />
          )}
        </p>
        <FieldMessage id="instance" testId="instance" text={message} />
      </div>
    </>
  );
};
