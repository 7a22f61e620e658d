// The "When to run it" section: the inputs (a time series file or paste, the zone, an earliest start and a
// deadline) and their state. The planner (the series parsers, the planning code, uPlot and the result)
// is a chunk of its own, loaded once the visitor reaches for an input or follows a link to #when, never
// with the page. Nothing is sent anywhere: the file is read by the browser.
import "./when-section.css";
import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { EstimateResult } from "../../src/core/types.ts";
import { useSettled, useSettledMessages } from "./settled.ts";
import { describedBy, FieldMessage } from "./text-field.tsx";
import { SeriesInput, type SeriesSource } from "./when-series-input.tsx";

type Planner = typeof import("./when/planner.tsx");
type Field = "series" | "earliest" | "deadline";

/** Props of the section. */
export interface WhenSectionProps {
  /** The calculator's result (the last valid one while its inputs are being fixed), if any. */
  readonly result: EstimateResult | undefined;
  /** Whether the calculator's inputs have changed into something invalid since that result. */
  readonly stale: boolean;
}

/** A time typed as text: ISO 8601 with a zone, "now" or "+Nh". */
const TimeField = (props: {
  id: "earliest" | "deadline";
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint: string;
  message: string | undefined;
}) => {
  const id = `when-${props.id}`;
  return (
    <div class={`field${props.message === undefined ? "" : " invalid"}`}>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        spellcheck={false}
        value={props.value}
        aria-invalid={props.message !== undefined}
        aria-describedby={describedBy(id, true, props.message !== undefined)}
        data-testid={id}
        onInput={(event) => props.onValue(event.currentTarget.value)}
      />
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      <FieldMessage id={id} testId={id} text={props.message} />
    </div>
  );
};

/** Loads the planner chunk on demand; the module once loaded, whether loading failed, and the trigger. */
const usePlanner = () => {
  const [planner, setPlanner] = useState<Planner | null>(null);
  const [failed, setFailed] = useState(false);
  const [asked, setAsked] = useState(false);
  const load = () => setAsked(true);
  useEffect(() => {
    if (!asked) return;
    import("./when/planner.tsx").then(setPlanner, () => setFailed(true));
  }, [asked]);
  useEffect(() => {
    const follow = () => {
      if (location.hash === "#when") setAsked(true);
    };
    follow();
    addEventListener("hashchange", follow);
    return () => removeEventListener("hashchange", follow);
  }, []);
  return { planner, failed, load };
};

/** The section. */
export const WhenSection = ({ result, stale }: WhenSectionProps) => {
  const { planner, failed, load } = usePlanner();
  const [source, setSource] = useState<SeriesSource>({ kind: "none" });
  const [readError, setReadError] = useState<string | null>(null);
  const [zone, setZone] = useState("");
  const [earliest, setEarliest] = useState("");
  const [deadline, setDeadline] = useState("");
  const text = source.kind === "file" || source.kind === "paste" ? source.text : "";
  const label = source.kind === "file" ? source.name : "pasted text";
  const parsed = useMemo(() => planner?.readSeries(text, label) ?? null, [planner, text, label]);
  const state = useMemo(
    () =>
      planner === null || result === undefined
        ? null
        : planner.planWhen(
            parsed,
            { text, sourceLabel: label, zone, earliest, deadline, nowMs: Date.now() },
            result,
          ),
    [planner, parsed, text, label, zone, earliest, deadline, result],
  );
  const messages = useMemo(() => {
    const out: Partial<Record<Field, string>> = {};
    for (const [field, problem] of Object.entries(state?.problems ?? {}))
      out[field as Field] = problem.message;
    if (readError !== null) out.series = readError;
    return out;
  }, [state, readError]);
  // Typed text gets its message once typing pauses; a file's comes at once.
  const settled = useSettledMessages(messages, 600);
  const shown =
    source.kind === "file" && messages.series !== undefined
      ? { ...settled, series: messages.series }
      : settled;
  const announcement = useSettled(planner?.announcementOf(state, shown) ?? "", 800);

  const onSource = (next: SeriesSource) => {
    load();
    setReadError(null);
    // A new file, or a switch between file and paste: the zone and window were for the old series.
    if (next.kind !== "paste" || source.kind !== "paste") {
      setZone("");
      setEarliest("");
      setDeadline("");
    }
    setSource(next);
  };
  const onReadError = (name: string, reason: string) => {
    setSource({ kind: "none" });
    setReadError(`cannot read ${name} (${reason})`);
  };
  const defaults = state?.defaults ?? null;
  const at = (ms: number) => planner?.utcTime(ms) ?? "";
  const planned = state?.planned ?? null;
  const format = state?.format ?? null;
  let output: ComponentChildren;
  if (failed) {
    output = (
      <p class="no-result" data-testid="when-failed">
        The planner could not be loaded; reload the page to try again.
      </p>
    );
  } else if (text.trim() === "" && source.kind !== "reading") {
    output = (
      <p class="when-empty" data-testid="when-empty">
        Give a time series to see the best window for the calculator's job.
      </p>
    );
  } else if (planner === null || source.kind === "reading") {
    output = (
      <p class="when-empty" data-testid="when-loading">
        {source.kind === "reading" ? `Reading ${source.name}…` : "Loading the planner…"}
      </p>
    );
  } else if (result === undefined) {
    output = (
      <p class="no-result" data-testid="when-no-job">
        Fix the calculator's inputs above: the job's power and length come from them.
      </p>
    );
  } else if (planned === null || format === null) {
    output = (
      <p class="when-empty" data-testid="when-no-plan">
        No plan until the inputs are fixed (see the message next to them).
      </p>
    );
  } else {
    output = (
      <div class={stale ? "stale" : ""} data-stale={stale || undefined}>
        {stale ? (
          <p class="stale-note">
            This plan is for the calculator's last valid inputs: fix the form to update it.
          </p>
        ) : null}
        <planner.WhenResult
          planned={planned}
          result={result}
          sourceText={source.kind === "file" ? `your file ${source.name}` : "the pasted text"}
          format={format}
        />
      </div>
    );
  }
  return (
    <section id="when" aria-labelledby="when-title" data-testid="when">
      <h2 id="when-title">When to run it</h2>
      <p class="when-intro">
        A grid's intensity changes by the hour. Give an hourly (or finer) intensity series for where the job
        runs and see when the calculator's job would emit least between an earliest start and a deadline: the
        planning code of <code>mlco2 plan --series</code>. The file is read by this browser and sent nowhere.
      </p>
      <div
        class="when"
        data-planner={planner !== null ? "ready" : failed ? "failed" : "idle"}
        data-testid="when-view"
      >
        <div class="when-inputs" onFocusCapture={load} onPointerDownCapture={load}>
          <SeriesInput source={source} onSource={onSource} onReadError={onReadError} message={shown.series} />
          {state !== null && state.zones.length > 1 ? (
            <div class="field">
              <label for="when-zone">Zone in the file</label>
              <select
                id="when-zone"
                data-testid="when-zone"
                value={state.zone ?? ""}
                onChange={(event) => setZone(event.currentTarget.value)}
              >
                {state.zones.map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div class="row">
            <TimeField
              id="earliest"
              label="Earliest start"
              value={earliest}
              onValue={setEarliest}
              hint={`ISO 8601 with Z or an offset, now, or +Nh. Empty: the series' first reading${defaults === null ? "" : `, ${at(defaults.earliestMs)}`}.`}
              message={shown.earliest}
            />
            <TimeField
              id="deadline"
              label="Deadline (the job ends by)"
              value={deadline}
              onValue={setDeadline}
              hint={`+Nh counts from the earliest start. Empty: the end of the series' last reading${defaults === null ? "" : `, ${at(defaults.deadlineMs)}`}.`}
              message={shown.deadline}
            />
          </div>
        </div>
        <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="when-live">
          {announcement}
        </p>
        <div class="when-output">{output}</div>
      </div>
    </section>
  );
};
