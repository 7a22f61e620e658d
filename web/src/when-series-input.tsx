// Where the series comes in: a file read by the browser (FileReader), or text pasted in; the planning
// code's message about it right below, tied to both inputs.
import { useRef } from "preact/hooks";
import { describedBy, FieldMessage } from "./text-field.tsx";

/** The text the view plans over and where it came from. */
export type SeriesSource =
  | { readonly kind: "none" }
  | { readonly kind: "reading"; readonly name: string }
  | { readonly kind: "file"; readonly name: string; readonly text: string }
  | { readonly kind: "paste"; readonly text: string };

/** Props of the series inputs. */
export interface SeriesInputProps {
  readonly source: SeriesSource;
  readonly onSource: (source: SeriesSource) => void;
  /** Called when the file cannot be read (the browser's reason). */
  readonly onReadError: (name: string, reason: string) => void;
  /** The planning code's message about the series, once shown. */
  readonly message: string | undefined;
}

/** The file picker and the paste box. */
export const SeriesInput = ({ source, onSource, onReadError, message }: SeriesInputProps) => {
  const file = useRef<HTMLInputElement>(null);
  const described = describedBy("when-series", true, message !== undefined);
  const read = (picked: File) => {
    onSource({ kind: "reading", name: picked.name });
    const reader = new FileReader();
    reader.onload = () => onSource({ kind: "file", name: picked.name, text: String(reader.result ?? "") });
    reader.onerror = () => onReadError(picked.name, reader.error?.message ?? "the browser could not read it");
    reader.readAsText(picked);
  };
  return (
    <div class={`when-input${message === undefined ? "" : " invalid"}`}>
      <div class="field">
        <label for="when-file">Time series file (CSV or JSON)</label>
        <input
          id="when-file"
          ref={file}
          type="file"
          accept=".csv,.json,.txt,text/csv,application/json,text/plain"
          aria-describedby={described}
          aria-invalid={message !== undefined && source.kind !== "paste"}
          data-testid="when-file"
          onChange={(event) => {
            const picked = event.currentTarget.files?.[0];
            if (picked !== undefined) read(picked);
          }}
        />
      </div>
      <div class="field">
        <label for="when-paste">…or paste it here</label>
        <textarea
          id="when-paste"
          rows={5}
          spellcheck={false}
          autoComplete="off"
          value={source.kind === "paste" ? source.text : ""}
          placeholder={"datetime,zone,carbon_intensity\n2024-06-01T00:00:00Z,DE,312"}
          aria-describedby={described}
          aria-invalid={message !== undefined && source.kind === "paste"}
          data-testid="when-paste"
          onInput={(event) => {
            if (file.current !== null) file.current.value = "";
            onSource({ kind: "paste", text: event.currentTarget.value });
          }}
        />
      </div>
      <p class="hint" id="when-series-hint">
        Any form <code>mlco2 plan --series</code> reads: <code>datetime,zone,carbon_intensity</code> (ISO 8601
        with Z or an offset, g/kWh unless the header or a <code>unit</code> column says kg/kWh or lbs/MWh), an
        Electricity Maps CSV export or API answer, or a WattTime v3 answer. The file is read by this browser
        and sent nowhere.
        {source.kind === "reading" ? ` Reading ${source.name}…` : ""}
      </p>
      <FieldMessage id="when-series" testId="when-series" text={message} />
    </div>
  );
};
