// A labelled text input for numbers, with an optional hint and the field's message shown inline.
import type { ComponentChildren } from "preact";

/** Props of a number field. */
export interface TextFieldProps {
  /** Element id (also used to tie the label, hint and message). */
  readonly id: string;
  /** Visible label. */
  readonly label: ComponentChildren;
  /** Current text. */
  readonly value: string;
  /** Called with the new text on every keystroke. */
  readonly onValue: (value: string) => void;
  /** The field's problem, shown next to it. */
  readonly message?: string | undefined;
  /** Help under the field. */
  readonly hint?: ComponentChildren;
  /** Unit shown after the input. */
  readonly unit?: string;
  /** Placeholder (the value used when left empty). */
  readonly placeholder?: string;
  /** Stable hook for automated checks. */
  readonly testId?: string;
}

/** A number typed as text: the page reads it itself, so "abc" gets a message rather than vanishing. */
export const TextField = (props: TextFieldProps) => {
  const hintId = `${props.id}-hint`;
  const messageId = `${props.id}-message`;
  const describedBy = [props.hint === undefined ? "" : hintId, props.message === undefined ? "" : messageId]
    .filter((s) => s !== "")
    .join(" ");
  return (
    <div class={`field${props.message === undefined ? "" : " invalid"}`}>
      <label for={props.id}>{props.label}</label>
      <div class="with-unit">
        <input
          id={props.id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellcheck={false}
          value={props.value}
          placeholder={props.placeholder}
          aria-invalid={props.message !== undefined}
          aria-describedby={describedBy === "" ? undefined : describedBy}
          data-testid={props.testId}
          onInput={(event) => props.onValue(event.currentTarget.value)}
        />
        {props.unit === undefined ? null : <span class="unit">{props.unit}</span>}
      </div>
      {props.hint === undefined ? null : (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.message === undefined ? null : (
        <p class="message" id={messageId} role="alert" data-testid={`${props.testId ?? props.id}-message`}>
          {props.message}
        </p>
      )}
    </div>
  );
};
