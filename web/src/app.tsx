// The page: form and live result first; the regions chart, Publish, Learn, Act, Data and the whole
// grid-zone table load right after the first result is on screen; the cloud instance types and their
// picker when a visitor reaches for them (or a link names one).
import type { FunctionComponent } from "preact";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { indexOf } from "../../src/core/dataset-index.ts";
import { tryEstimateWith } from "../../src/core/estimate.ts";
import { formatMassKg, sig3 } from "../../src/core/format-number.ts";
import type { EstimateResult } from "../../src/core/types.ts";
import type { BelowFoldProps } from "./below-fold.tsx";
import { CopyButton } from "./copy-button.tsx";
import { ExternalLink } from "./external-link.tsx";
import {
  type FieldKey,
  type FieldMessages,
  type FormState,
  fieldLabelOf,
  fieldMessageOf,
  fieldOfProblem,
  inputOf,
  type MachineMode,
  parseNumber,
  readPermalink,
  stateToQuery,
  withTimeMode,
} from "./form-state.ts";
import { devicesPerInstance, INSTANCES_FAILED, isCpuOnlyInstance } from "./instance-choice.ts";
import { JobForm } from "./job-form.tsx";
import {
  DataContext,
  firstData,
  firstGrid,
  ListsContext,
  loadAllZones,
  type PageData,
  type PageGrid,
  pageDataOf,
} from "./page-data.ts";
import { PROJECT_URL } from "./project.ts";
import { Results } from "./results.tsx";
import { useSettled, useSettledMessages } from "./settled.ts";
import { SummaryBar } from "./summary-bar.tsx";

/** The instance picker's chunk: the component and the instance types. */
type InstanceChunk = typeof import("./instance-picker.tsx");

/** What the inputs give: a result, problems per field, or a wait for the whole grid table or the instance types. */
type Computed =
  | { readonly kind: "result"; readonly result: EstimateResult; readonly offsetsShare: number | null }
  | { readonly kind: "invalid"; readonly messages: FieldMessages; readonly general: readonly string[] }
  | { readonly kind: "waiting"; readonly for: "zones" | "instances" };

const WAITING_TEXT = {
  zones: "Loading every country and grid zone",
  instances: "Loading the cloud instance types",
} as const;

/** The estimate for a form state, or the messages to show next to the fields. */
const compute = (
  { dataset, allZones, instances }: PageData,
  state: FormState,
  instancesFailed: boolean,
): Computed => {
  // An instance job is priced with the instance types, never without them.
  if (state.machine === "instance" && !instances)
    return instancesFailed
      ? { kind: "invalid", messages: {}, general: [INSTANCES_FAILED] }
      : { kind: "waiting", for: "instances" };
  const read = inputOf(state, isCpuOnlyInstance(dataset, state));
  if (!read.ok) return { kind: "invalid", messages: read.messages, general: [] };
  // A country or zone is priced with the whole grid table, never without it.
  if (state.where === "grid" && !allZones) return { kind: "waiting", for: "zones" };
  const outcome = tryEstimateWith(dataset, read.input);
  if (outcome.ok) return { kind: "result", result: outcome.value, offsetsShare: read.offsetsShare };
  const messages: FieldMessages = {};
  const general: string[] = [];
  for (const problem of outcome.problems) {
    const field = fieldOfProblem(problem, state);
    if (field === undefined) general.push(problem.message);
    else messages[field] ??= fieldMessageOf(problem);
  }
  return { kind: "invalid", messages, general };
};

/** The last result the inputs gave, with what it was computed for. */
interface Shown {
  readonly result: EstimateResult;
  readonly offsetsShare: number | null;
  readonly cloud: { readonly provider: string; readonly region: string } | null;
  readonly year: number | undefined;
}

const NO_MESSAGES: FieldMessages = {};

const permalinkOf = (state: FormState) => `${location.origin}${location.pathname}?${stateToQuery(state)}`;

/** What the live region says once typing pauses. */
const announcementOf = (computed: Computed, messages: FieldMessages, state: FormState): string => {
  if (computed.kind === "result") {
    const { result } = computed;
    const operational = `Emissions ${formatMassKg(result.emissionsKg)} CO2eq, location-based; energy ${sig3(result.energyKWh)} kWh.`;
    const embodied = result.embodied;
    return embodied === undefined
      ? operational
      : `${operational} Embodied ${formatMassKg(embodied.kg)} CO2eq beside it; ${formatMassKg(embodied.totalKg)} CO2eq with it.`;
  }
  if (computed.kind === "waiting") return `${WAITING_TEXT[computed.for]}.`;
  const first = (Object.entries(messages) as [FieldKey, string][])[0];
  return first === undefined
    ? `Not updated: ${computed.general[0] ?? "check the inputs"}.`
    : `Not updated: ${fieldLabelOf(first[0], state)}: ${first[1]}`;
};

const yearOf = (state: FormState) =>
  state.year === "" || state.where === "custom" ? undefined : parseNumber(state.year);

/** Props of the page. */
export interface AppProps {
  /** The address's query string (a permalink), "" for the default form (and when prerendered). */
  readonly query: string;
}

/** Marks a performance entry once (the prerendered page may have set it before the app ran). */
const markOnce = (name: string) => {
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
};

/** The whole page. Renders in the browser and, for the default form, at build time (prerender). */
export const App = ({ query }: AppProps) => {
  const [permalink] = useState(() =>
    readPermalink(query, {
      providerByKey: indexOf(firstData.dataset).providerByKey,
      regions: firstData.dataset.regions,
    }),
  );
  const [state, setState] = useState<FormState>(permalink.state);
  const [grid, setGrid] = useState<PageGrid>(firstGrid);
  const [instanceChunk, setInstanceChunk] = useState<InstanceChunk | null>(null);
  const data = useMemo<PageData>(
    () =>
      grid === firstGrid && instanceChunk === null
        ? firstData
        : pageDataOf(grid, instanceChunk?.instances ?? null),
    [grid, instanceChunk],
  );
  const [advancedOpen, setAdvancedOpen] = useState(
    () => state.utilization !== "" || state.watts !== "" || state.year !== "" || state.embodied,
  );
  const [BelowFold, setBelowFold] = useState<FunctionComponent<BelowFoldProps> | null>(null);
  const [lists, setLists] = useState(false);
  // A provider change in instance mode carries the instance type over to the new provider's nearest one.
  const update = (patch: Partial<FormState>) =>
    setState((s) =>
      instanceChunk === null
        ? { ...s, ...patch }
        : instanceChunk.withInstanceProvider(data.dataset, s, { ...s, ...patch }),
    );
  const instancesAsked = useRef(false);
  const [instancesFailed, setInstancesFailed] = useState(false);
  const reachInstances = () => {
    if (instancesAsked.current) return;
    instancesAsked.current = true;
    setInstancesFailed(false);
    import("./instance-picker.tsx")
      .then((chunk) => setInstanceChunk(() => chunk))
      .catch(() => {
        instancesAsked.current = false;
        setInstancesFailed(true);
      });
  };
  const setMachine = (machine: MachineMode) => {
    if (machine === "instance") reachInstances();
    // Before the types have loaded the form names none; it gets one once they have.
    setState((s) =>
      instanceChunk !== null
        ? instanceChunk.withMachine(data.dataset, s, machine)
        : machine === s.machine
          ? s
          : { ...s, machine, instance: machine === "instance" ? "" : s.instance },
    );
  };
  // A link naming an instance type loads them at once; once loaded, a form that names none gets one.
  useEffect(() => {
    if (state.machine === "instance") reachInstances();
  }, [state.machine]);
  useEffect(() => {
    if (instanceChunk !== null && data.instances)
      setState((s) => instanceChunk.withDefaultInstance(data.dataset, s));
  }, [data, instanceChunk]);
  const computed = useMemo(() => compute(data, state, instancesFailed), [data, state, instancesFailed]);
  const year = yearOf(state);

  // The last valid result stays on screen, marked stale, while the inputs are being fixed.
  const last = useRef<Shown | null>(null);
  if (computed.kind === "result") {
    const cloud = state.where === "cloud" ? { provider: state.provider, region: state.region } : null;
    last.current = { result: computed.result, offsetsShare: computed.offsetsShare, cloud, year };
  }
  const shown = last.current;
  const stale = computed.kind !== "result";
  // Messages appear once typing pauses and go as soon as the field is fixed.
  const messages = useSettledMessages(computed.kind === "invalid" ? computed.messages : NO_MESSAGES, 600);
  const announcement = useSettled(announcementOf(computed, messages, state), 800);

  // Keep the address bar a permalink (debounced: browsers throttle rapid history updates), #fragment kept.
  useEffect(() => {
    const timer = setTimeout(
      () => history.replaceState(history.state, "", `?${stateToQuery(state)}${location.hash}`),
      150,
    );
    return () => clearTimeout(timer);
  }, [state]);

  // "First result": the frame after the first result was committed to the DOM. Only then the long
  // option lists, the sections below the result, the whole grid table and the service worker.
  const marked = useRef(false);
  useLayoutEffect(() => {
    if (marked.current || shown === null) return;
    marked.current = true;
    markOnce("mlco2:first-result-committed");
    requestAnimationFrame(() => setTimeout(() => markOnce("mlco2:first-result"), 0));
  }, [shown]);
  // What comes after the first result waits for it, unless the result itself waits for the whole zone
  // table (a country or zone link) or cannot come (bad inputs): an instance-type link's result waits for
  // its chunk first.
  const laterDue =
    shown !== null ||
    computed.kind === "invalid" ||
    (computed.kind === "waiting" && computed.for === "zones");
  const laterStarted = useRef(false);
  useLayoutEffect(() => {
    if (laterStarted.current || !laterDue) return;
    laterStarted.current = true;
    const later = () => {
      performance.mark("mlco2:later");
      setLists(true);
      import("./below-fold.tsx").then((m) => setBelowFold(() => m.BelowFold));
      loadAllZones().then(setGrid);
      if ("serviceWorker" in navigator && window.isSecureContext)
        navigator.serviceWorker.register("./sw.js").catch(() => undefined);
    };
    // Two timers after the frame: the first-result mark's timer runs first.
    requestAnimationFrame(() => setTimeout(() => setTimeout(later, 0), 0));
  }, [laterDue]);
  useEffect(() => {
    if (BelowFold !== null && location.hash.length > 1)
      document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [BelowFold]);
  // Everything loaded: the sections below the result and every grid zone.
  const complete = BelowFold !== null && data.allZones;
  useEffect(() => {
    if (complete) performance.mark("mlco2:complete");
  }, [complete]);

  const onMissingHardware = () => {
    update({ hardware: "" });
    setAdvancedOpen(true);
    requestAnimationFrame(() => document.getElementById("watts")?.focus());
  };
  const problems =
    computed.kind === "invalid"
      ? [
          ...(Object.entries(messages) as [FieldKey, string][]).map(
            ([k, m]) => `${fieldLabelOf(k, state)}: ${m}`,
          ),
          ...computed.general,
        ]
      : [];

  return (
    <DataContext.Provider value={data}>
      <ListsContext.Provider value={lists}>
        <header class="top">
          <div class="wrap">
            <h1>ML CO2 calculator</h1>
            <p class="tagline">
              The energy and carbon emissions of training a model: every number sourced, nothing sent
              anywhere.
            </p>
            <nav aria-label="Sections">
              <a href="#calculator">Calculator</a>
              <a href="#when">When</a>
              <a href="#publish">Publish</a>
              <a href="#learn">Learn</a>
              <a href="#act">Act</a>
              <a href="#data">Data</a>
              <ExternalLink href={PROJECT_URL} testId="project-link">
                Project
              </ExternalLink>
            </nav>
          </div>
        </header>
        <main class="wrap">
          {permalink.problems.length === 0 ? null : (
            <div class="link-problem" role="status" data-testid="link-problem">
              {permalink.problems.map((p) => (
                <p key={p}>{p}</p>
              ))}
            </div>
          )}
          <section id="calculator" class="calculator" aria-labelledby="calculator-title">
            <h2 id="calculator-title" class="visually-hidden">
              Calculator
            </h2>
            <JobForm
              state={state}
              messages={messages}
              update={update}
              setTimeMode={(mode) =>
                setState((s) => withTimeMode(s, mode, devicesPerInstance(data.dataset, s)))
              }
              year={year}
              advancedOpen={advancedOpen}
              setAdvancedOpen={setAdvancedOpen}
              onMissingHardware={onMissingHardware}
              setMachine={setMachine}
              instancePicker={instanceChunk?.InstancePicker ?? null}
              instancesFailed={instancesFailed}
              onReachInstances={reachInstances}
            />
            <section
              id="result"
              class={stale && shown !== null ? "result stale" : "result"}
              aria-labelledby="result-title"
              data-testid="result"
              data-stale={stale && shown !== null ? "true" : undefined}
            >
              <div class="result-head">
                <h2 id="result-title">Result</h2>
                <CopyButton text={() => permalinkOf(state)} label="Copy link" testId="copy-link" />
              </div>
              <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-result">
                {announcement}
              </p>
              {stale ? (
                <div
                  class={shown === null ? "no-result" : "stale-note"}
                  data-testid={shown === null ? "no-result" : "stale-note"}
                >
                  {computed.kind === "waiting" ? (
                    <p>{WAITING_TEXT[computed.for]}…</p>
                  ) : (
                    <>
                      <p>
                        {shown === null
                          ? "No result until the inputs are fixed:"
                          : "Showing the last valid result until the inputs are fixed:"}
                      </p>
                      {problems.length === 0 ? null : (
                        <ul>
                          {problems.map((m) => (
                            <li key={m}>{m}</li>
                          ))}
                        </ul>
                      )}
                    </>
                  )}
                </div>
              ) : null}
              {shown === null ? null : (
                <Results
                  result={shown.result}
                  offsetsShare={shown.offsetsShare}
                  year={shown.year}
                  elsewhere={BelowFold !== null}
                />
              )}
            </section>
          </section>
          {BelowFold === null ? null : (
            <BelowFold result={shown?.result} stale={stale} cloud={shown?.cloud ?? null} year={shown?.year} />
          )}
        </main>
        <footer class="wrap">
          <p>
            mlco2: an <ExternalLink href={PROJECT_URL}>open-source toolkit</ExternalLink> after the 2019{" "}
            <ExternalLink href="https://arxiv.org/abs/1910.09700">
              Machine Learning Emissions Calculator
            </ExternalLink>
            . Estimates, not measurements: for measured figures, run <code>mlco2 track</code> around your
            training.
          </p>
        </footer>
        {shown === null ? null : <SummaryBar result={shown.result} stale={stale} />}
      </ListsContext.Provider>
    </DataContext.Provider>
  );
};
