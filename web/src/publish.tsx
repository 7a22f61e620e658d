// Publish: the paper paragraph with its BibTeX, Markdown and the Hugging Face model-card block for the
// current inputs. The texts come from src/core/report, shared with the CLI.
import { useState } from "preact/hooks";
import { renderLatex } from "../../src/core/report/latex.ts";
import { renderMarkdown } from "../../src/core/report/markdown.ts";
import { renderModelCard, TRAINING_TYPES, type TrainingType } from "../../src/core/report/model-card.ts";
import type { EstimateResult } from "../../src/core/types.ts";
import { CopyButton } from "./copy-button.tsx";

const Block = ({ id, title, text, note }: { id: string; title: string; text: string; note: string }) => (
  <div class="publish-block">
    <div class="publish-head">
      <h3 id={`${id}-title`}>{title}</h3>
      <CopyButton text={() => text} label={`Copy ${title}`} testId={`copy-${id}`} />
    </div>
    <p class="hint">{note}</p>
    {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the scrollable block must be reachable by keyboard */}
    <pre tabIndex={0} data-testid={`publish-${id}`}>
      {text}
    </pre>
  </div>
);

/** The three texts, each with a copy button. */
export const Publish = ({ result }: { result: EstimateResult }) => {
  const [trainingType, setTrainingType] = useState<TrainingType>("fine-tuning");
  return (
    <div class="publish">
      <Block
        id="latex"
        title="LaTeX"
        text={renderLatex(result)}
        note="A paragraph for your paper, then the BibTeX entries it cites."
      />
      <Block
        id="markdown"
        title="Markdown"
        text={renderMarkdown(result)}
        note="For a README, a blog post or a report."
      />
      <div class="field inline">
        <label for="training-type">Training type for the model card</label>
        <select
          id="training-type"
          value={trainingType}
          onChange={(event) => setTrainingType(event.currentTarget.value as TrainingType)}
        >
          {TRAINING_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <Block
        id="model-card"
        title="Model card"
        text={renderModelCard(result, { trainingType })}
        note="The co2_eq_emissions block for a Hugging Face model card's YAML header (emissions in grams)."
      />
    </div>
  );
};
