// Hardware: a search box narrowing a grouped list (kind · vendor), each entry with its TDP.
import { useState } from "preact/hooks";
import { dataset } from "../../src/index.ts";
import { hardwareById, hardwareGroups, hardwareMatches } from "./catalog.ts";
import { SourceLink } from "./source-link.tsx";

/** Props of the hardware picker. */
export interface HardwarePickerProps {
  /** Selected hardware id. */
  readonly value: string;
  /** Called with the new id. */
  readonly onValue: (id: string) => void;
  /** The field's problem. */
  readonly message?: string | undefined;
}

/** Searchable, grouped hardware select. Typing selects the first match so results follow the search. */
export const HardwarePicker = (props: HardwarePickerProps) => {
  const [query, setQuery] = useState("");
  const selected = hardwareById.get(props.value);
  const source = selected === undefined ? undefined : dataset.sources.get(selected.source);
  const groups = hardwareGroups
    .map((group) => ({
      label: group.label,
      entries: group.entries.filter((e) => e.id === props.value || hardwareMatches(e, query)),
    }))
    .filter((group) => group.entries.length > 0);
  const onSearch = (text: string) => {
    setQuery(text);
    if (selected !== undefined && hardwareMatches(selected, text)) return;
    for (const group of hardwareGroups) {
      const first = group.entries.find((e) => hardwareMatches(e, text));
      if (first !== undefined) {
        props.onValue(first.id);
        return;
      }
    }
  };
  return (
    <div class={`field${props.message === undefined ? "" : " invalid"}`}>
      <label for="hardware-search">Hardware</label>
      <input
        id="hardware-search"
        type="search"
        placeholder="Search: H100, TPU v5e, MI300X, EPYC…"
        autoComplete="off"
        value={query}
        aria-controls="hardware"
        data-testid="hardware-search"
        onInput={(event) => onSearch(event.currentTarget.value)}
      />
      <label for="hardware" class="visually-hidden">
        Hardware model
      </label>
      <select
        id="hardware"
        data-testid="hardware"
        value={props.value}
        aria-invalid={props.message !== undefined}
        onChange={(event) => props.onValue(event.currentTarget.value)}
      >
        {selected === undefined ? (
          <option value={props.value}>{props.value || "choose hardware"}</option>
        ) : null}
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.entries.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name} · {entry.tdpW} W
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {selected === undefined ? null : (
        <p class="hint">
          {selected.kind === "cpu"
            ? "TDP per package"
            : selected.kind === "tpu"
              ? "TDP per chip"
              : "TDP per device"}
          : {selected.tdpW} W{selected.released === undefined ? "" : ` · released ${selected.released}`}
          {source === undefined ? null : (
            <>
              {" "}
              · <SourceLink source={source} />
            </>
          )}
        </p>
      )}
      {props.message === undefined ? null : (
        <p class="message" role="alert" data-testid="hardware-message">
          {props.message}
        </p>
      )}
    </div>
  );
};
