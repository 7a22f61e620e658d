// A finished run's reports, as the server renders them with the engine (the same text as `mlco2
// report`): LaTeX, Markdown and the model card, each with a copy button; and its files to download.
import { useState } from "preact/hooks";
import { CopyButton } from "../copy-button.tsx";
import type { Api } from "./api.ts";
import { download, fileNameOf } from "./download.ts";
import { Problem } from "./problem.tsx";
import { useSession } from "./session.ts";
import { usePolled } from "./use-polled.ts";

/** The model card's training types; the first is the engine's default (`mlco2 report`'s too). */
const TRAINING_TYPES = ["pre-training", "fine-tuning"] as const;
type TrainingType = (typeof TRAINING_TYPES)[number];

const REPORTS = [
  { id: "latex", title: "LaTeX", note: "A paragraph for a paper, then the BibTeX entries it cites." },
  { id: "markdown", title: "Markdown", note: "For a README, a blog post or a report." },
  {
    id: "model-card",
    title: "Model card",
    note: "The co2_eq_emissions block for a Hugging Face model card's YAML header (emissions in grams).",
  },
] as const;

const textOf = async (api: Api, path: string) => (await api.blob(path)).text();

/** Props of the downloads. */
export interface RunFilesProps {
  /** The run's API path. */
  readonly base: string;
  readonly runKey: string;
  /** Whether it has samples (tracker runs). */
  readonly samples: boolean;
  /** Whether it has a result (reports as JSON and CSV). */
  readonly result: boolean;
}

/** Buttons that save the samples and the result. */
export const RunFiles = ({ base, runKey, samples, result }: RunFilesProps) => {
  const { api } = useSession();
  const [problem, setProblem] = useState<string | null>(null);
  const save = (path: string, suffix: string) => () => {
    setProblem(null);
    download(api, `${base}/${path}`, fileNameOf(runKey, suffix)).catch((error: Error) =>
      setProblem(`Not downloaded: ${error.message}`),
    );
  };
  return (
    <div class="files">
      {samples ? (
        <button
          type="button"
          class="copy"
          data-testid="download-samples"
          onClick={save("samples.csv", "samples.csv")}
        >
          Samples (CSV)
        </button>
      ) : null}
      {result ? (
        <>
          <button
            type="button"
            class="copy"
            data-testid="download-csv"
            onClick={save("report?format=csv", "result.csv")}
          >
            Result (CSV)
          </button>
          <button
            type="button"
            class="copy"
            data-testid="download-json"
            onClick={save("report?format=json", "result.json")}
          >
            Result (JSON)
          </button>
        </>
      ) : null}
      {problem === null ? null : (
        <p class="message" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
};

/** Props of the reports. */
export interface RunReportsProps {
  /** The run's API path. */
  readonly base: string;
  /** Changes when the result does (a node finishing), so the texts are read again. */
  readonly version: string;
}

/** The three reports with copy buttons. */
export const RunReports = ({ base, version }: RunReportsProps) => {
  const { api } = useSession();
  const [trainingType, setTrainingType] = useState<TrainingType>("pre-training");
  const texts = usePolled(
    `${base} reports ${version} ${trainingType}`,
    async () => {
      const [latex, markdown, modelCard] = await Promise.all([
        textOf(api, `${base}/report?format=latex`),
        textOf(api, `${base}/report?format=markdown`),
        textOf(api, `${base}/report?format=model-card&trainingType=${trainingType}`),
      ]);
      return { latex, markdown, "model-card": modelCard } as const;
    },
    () => null,
  );
  return (
    <div class="publish" data-testid="reports">
      <Problem error={texts.error} stale={texts.data !== null} retry={texts.reload} />
      {REPORTS.map((report) => {
        const text = texts.data?.[report.id] ?? null;
        return (
          <div class="publish-block" key={report.id}>
            <div class="publish-head">
              <h4 id={`${report.id}-title`}>{report.title}</h4>
              {text === null ? null : (
                <CopyButton text={() => text} label={`Copy ${report.title}`} testId={`copy-${report.id}`} />
              )}
            </div>
            <p class="hint">{report.note}</p>
            {report.id === "model-card" ? (
              <div class="field inline">
                <label for="training-type">Training type</label>
                <select
                  id="training-type"
                  value={trainingType}
                  onChange={(e) => setTrainingType(e.currentTarget.value as TrainingType)}
                >
                  {TRAINING_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the scrollable block must be reachable by keyboard */}
            <pre tabIndex={0} data-testid={`report-${report.id}`}>
              {text ?? "…"}
            </pre>
          </div>
        );
      })}
    </div>
  );
};
