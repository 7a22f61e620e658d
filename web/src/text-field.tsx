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
  /** Unit shown inside the input, at its end. */
  readonly unit?: string;
  /** Placeholder (the value used when left empty). */
  readonly placeholder?: string;
  /** Stable hook for automated checks. */
  readonly testId?: string;
}

/** The ids an input is described by: its hint and its message, when shown. */
export const describedBy = (id: string, hint: boolean, message: boolean): string | undefined =>
  [hint ? `${id}-hint` : "", message ? `${id}-message` : ""].filter((s) => s !== "").join(" ") || undefined;

/**
 * A field's message: tied to its input by `aria-describedby` (read when the input is focused), not a
 * live alert, so it is not announced on every keystroke.
 */
export const FieldMessage = ({
  id,
  testId,
  text,
}: {
  id: string;
  testId: string;
  text: string | undefined;
}) =>
  text === undefined ? null : (
    <p class="message" id={`${id}-message`} data-testid={`${testId}-message`}>
      {text}
    </p>
  );

/** A number typed as text: the page reads it itself, so "abc" gets a message rather than vanishing. */
export const TextField = (props: TextFieldProps) => {
  const testId = props.testId ?? props.id;
  return (
    <div class={`field${props.message === undefined ? "" : " invalid"}`}>
      <label for={props.id}>
        {props.label}
        {props.unit === undefined ? null : <span class="visually-hidden"> ({props.unit})</span>}
      </label>
      <div class={props.unit === undefined ? "with-unit" : "with-unit has-unit"}>
        <input
          id={props.id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellcheck={false}
          value={props.value}
          placeholder={props.placeholder}
          aria-invalid={props.message !== undefined}
          aria-describedby={describedBy(props.id, props.hint !== undefined, props.message !== undefined)}
          data-testid={props.testId}
          style={
            props.unit === undefined ? undefined : { paddingRight: `${1.2 + props.unit.length * 0.55}rem` }
          }
          onInput={(event) => props.onValue(event.currentTarget.value)}
        />
        {props.unit === undefined ? null : (
          <span class="unit" aria-hidden="true">
            {props.unit}
          </span>
        )}
      </div>
      {props.hint === undefined ? null : (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      <FieldMessage id={props.id} testId={testId} text={props.message} />
    </div>
  );
};
