// A button that copies a text and says so (for sighted users on the button, for screen readers live).
import { useState } from "preact/hooks";
import { copyText } from "./copy-text.ts";

/** Props of a copy button. */
export interface CopyButtonProps {
  /** What to copy (a function so it is built only when asked). */
  readonly text: () => string;
  /** Button label, e.g. "Copy LaTeX". */
  readonly label: string;
  /** Stable hook for automated checks. */
  readonly testId: string;
}

/** "Copy …" that turns into "Copied" for two seconds. */
export const CopyButton = ({ text, label, testId }: CopyButtonProps) => {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  const onClick = async () => {
    const ok = await copyText(text());
    setStatus(ok ? "copied" : "failed");
    setTimeout(() => setStatus("idle"), 2000);
  };
  return (
    <button type="button" class="copy" data-testid={testId} onClick={onClick}>
      <span aria-live="polite">
        {status === "copied" ? "Copied ✓" : status === "failed" ? "Copy failed: select the text" : label}
      </span>
    </button>
  );
};
