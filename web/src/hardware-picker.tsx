// Hardware: a search box ranking the catalog as `mlco2 hardware` does (the entry `--hardware` resolves
// the query to first), and a list grouped by kind · vendor, each entry with its TDP.
import { useState } from "preact/hooks";
import { type HardwareMatch, searchHardware } from "../../src/core/hardware-search.ts";
import type { HardwareEntry } from "../../src/data/types.ts";
import { hardwareById, hardwareGroups } from "./catalog.ts";
import { useData, useLists } from "./page-data.ts";
import { SourceLink } from "./source-link.tsx";
import { describedBy, FieldMessage } from "./text-field.tsx";

/** Props of the hardware picker. */
export interface HardwarePickerProps {
  /** Selected hardware id ("" when the power is given instead). */
  readonly value: string;
  /** Called with the new id. */
  readonly onValue: (id: string) => void;
  /** Called for "Missing hardware?": the power is to be given under Advanced. */
  readonly onMissing: () => void;
  /** The field's problem. */
  readonly message?: string | undefined;
}

const Option = ({ entry }: { entry: HardwareEntry }) => (
  <option value={entry.id}>
    {entry.name} · {entry.tdpW} W
  </option>
);

const NOT_LISTED = "";

/** Searchable, grouped hardware select. Typing selects the best match, so results follow the search. */
export const HardwarePicker = (props: HardwarePickerProps) => {
  const { dataset } = useData();
  const lists = useLists();
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<readonly HardwareMatch[] | null>(null);
  const selected = hardwareById(dataset, props.value);
  const source = selected === undefined ? undefined : dataset.sources.get(selected.source);
  const onSearch = (text: string) => {
    setQuery(text);
    const found = text.trim() === "" ? null : searchHardware(dataset, text);
    setMatches(found);
    const best = found?.[0]?.entry;
    if (best !== undefined && best.id !== props.value) props.onValue(best.id);
  };
  const noMatch = matches !== null && matches.length === 0;
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
        aria-describedby="hardware-search-status"
        data-testid="hardware-search"
        onInput={(event) => onSearch(event.currentTarget.value)}
      />
      <p
        class="search-status"
        id="hardware-search-status"
        aria-live="polite"
        data-testid="hardware-search-status"
      >
        {noMatch ? "No match: the selection is unchanged." : ""}
      </p>
      <label for="hardware" class="visually-hidden">
        Hardware model
      </label>
      <select
        id="hardware"
        data-testid="hardware"
        value={props.value}
        aria-invalid={props.message !== undefined}
        aria-describedby={describedBy("hardware", true, props.message !== undefined)}
        onChange={(event) => {
          const id = event.currentTarget.value;
          if (id === NOT_LISTED) props.onMissing();
          else props.onValue(id);
        }}
      >
        {selected === undefined && props.value !== NOT_LISTED ? (
          <option value={props.value}>{props.value}</option>
        ) : null}
        {!lists ? (
          selected === undefined ? null : (
            <Option entry={selected} />
          )
        ) : matches !== null && matches.length > 0 ? (
          <optgroup label={`Matches for "${query.trim().slice(0, 40)}", best first`}>
            {matches.map((m) => (
              <Option key={m.entry.id} entry={m.entry} />
            ))}
          </optgroup>
        ) : (
          hardwareGroups(dataset).map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.entries.map((entry) => (
                <Option key={entry.id} entry={entry} />
              ))}
            </optgroup>
          ))
        )}
        {selected !== undefined && matches !== null && !matches.some((m) => m.entry === selected) ? (
          <Option entry={selected} />
        ) : null}
        <option value={NOT_LISTED}>Not listed: I give its power under Advanced</option>
      </select>
      <p class="hint" id="hardware-hint">
        {selected === undefined ? (
          "No catalog entry: the measured average power under Advanced is used."
        ) : (
          <>
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
          </>
        )}{" "}
        ·{" "}
        <button type="button" class="link" data-testid="missing-hardware" onClick={props.onMissing}>
          Missing hardware?
        </button>
      </p>
      <FieldMessage id="hardware" testId="hardware" text={props.message} />
    </div>
  );
};
