// The page: form and live result, the regions chart, Publish, Learn, Act and Data.
import { useEffect, useLayoutEffect, useMemo, useState } from "preact/hooks";
import { type EstimateResult, tryEstimate } from "../../src/index.ts";
import { CopyButton } from "./copy-button.tsx";
import { DataSources } from "./data-sources.tsx";
import {
  type FieldMessages,
  type FormState,
  fieldOfProblem,
  inputOf,
  parseNumber,
  stateFromQuery,
  stateToQuery,
} from "./form-state.ts";
import { JobForm } from "./job-form.tsx";
import { Act, Learn } from "./learn-act.tsx";
import { Publish } from "./publish.tsx";
import { RegionChart } from "./region-chart.tsx";
import { Results } from "./results.tsx";

/** The estimate for a form state, or the messages to show next to the fields. */
const compute = (state: FormState) => {
  const read = inputOf(state);
  if (!read.ok) return { messages: read.messages, general: [] as string[] };
  const outcome = tryEstimate(read.input);
  if (outcome.ok)
    return { result: outcome.value, offsetsShare: read.offsetsShare, messages: {} as FieldMessages };
  const messages: FieldMessages = {};
  const general: string[] = [];
  for (const problem of outcome.problems) {
    const field = fieldOfProblem(problem, state);
    if (field === undefined) general.push(problem.message);
    else messages[field] ??= problem.message;
  }
  return { messages, general };
};

const permalinkOf = (state: FormState) => `${location.origin}${location.pathname}?${stateToQuery(state)}`;

/** The whole page. */
export const App = () => {
  const [state, setState] = useState<FormState>(() => stateFromQuery(location.search));
  const update = (patch: Partial<FormState>) => setState((s) => ({ ...s, ...patch }));
  const computed = useMemo(() => compute(state), [state]);
  const yearNumber = state.year === "" || state.where === "custom" ? undefined : parseNumber(state.year);

  // Keep the address bar a permalink (debounced: browsers throttle rapid history updates).
  useEffect(() => {
    const timer = setTimeout(() => history.replaceState(null, "", `?${stateToQuery(state)}`), 150);
    return () => clearTimeout(timer);
  }, [state]);
  // The result first; the sections below the fold (Publish, Learn, Act, Data) one frame later.
  const [belowFold, setBelowFold] = useState(false);
  useLayoutEffect(() => {
    // Committed to the DOM now; painted once the frame after this one starts.
    performance.mark("mlco2:first-result-committed");
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark("mlco2:first-result");
        setBelowFold(true);
      }, 0),
    );
  }, []);
  useEffect(() => {
    if (belowFold && location.hash.length > 1)
      document.getElementById(location.hash.slice(1))?.scrollIntoView();
  }, [belowFold]);

  const result = "result" in computed ? computed.result : undefined;
  return (
    <>
      <header class="top">
        <div class="wrap">
          <h1>ML CO2 calculator</h1>
          <p class="tagline">
            The energy and carbon emissions of training a model: every number sourced, nothing sent anywhere.
          </p>
          <nav aria-label="Sections">
            <a href="#calculator">Calculator</a>
            <a href="#publish">Publish</a>
            <a href="#learn">Learn</a>
            <a href="#act">Act</a>
            <a href="#data">Data</a>
          </nav>
        </div>
      </header>
      <main class="wrap">
        <section id="calculator" class="calculator" aria-labelledby="calculator-title">
          <h2 id="calculator-title" class="visually-hidden">
            Calculator
          </h2>
          <JobForm state={state} messages={computed.messages} update={update} year={yearNumber} />
          <section class="result" aria-labelledby="result-title" data-testid="result">
            <div class="result-head">
              <h2 id="result-title">Result</h2>
              <CopyButton text={() => permalinkOf(state)} label="Copy link" testId="copy-link" />
            </div>
            {result === undefined ? (
              <div class="no-result" data-testid="no-result" role="status">
                <p>No result until the inputs are fixed:</p>
                <ul>
                  {[
                    ...Object.values(computed.messages),
                    ...("general" in computed ? computed.general : []),
                  ].map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <Results
                result={result}
                offsetsShare={"offsetsShare" in computed ? computed.offsetsShare : null}
                year={yearNumber}
              />
            )}
          </section>
        </section>
        {belowFold && result !== undefined && state.where === "cloud" ? (
          <section aria-labelledby="regions-title">
            <h2 id="regions-title">Across the provider's regions</h2>
            <RegionChart
              provider={state.provider}
              region={state.region}
              energyKWh={result.energyKWh}
              year={yearNumber}
            />
          </section>
        ) : null}
        {belowFold ? <BelowFold result={result} /> : null}
      </main>
      <footer class="wrap">
        <p>
          mlco2: an open toolkit after the 2019{" "}
          <a href="https://arxiv.org/abs/1910.09700" rel="noreferrer" target="_blank">
            Machine Learning Emissions Calculator
          </a>
          . Estimates, not measurements: for measured figures, run <code>mlco2 track</code> around your
          training.
        </p>
      </footer>
    </>
  );
};

/** Publish, Learn, Act and Data. */
const BelowFold = ({ result }: { result: EstimateResult | undefined }) => (
  <>
    <section id="publish" aria-labelledby="publish-title">
      <h2 id="publish-title">Publish</h2>
      {result === undefined ? <p>Fix the inputs above to get the texts.</p> : <Publish result={result} />}
    </section>
    <section id="learn" aria-labelledby="learn-title">
      <h2 id="learn-title">Learn</h2>
      <Learn />
    </section>
    <section id="act" aria-labelledby="act-title">
      <h2 id="act-title">Act</h2>
      <Act />
    </section>
    <section id="data" aria-labelledby="data-title">
      <h2 id="data-title">Data</h2>
      <DataSources />
    </section>
  </>
);
