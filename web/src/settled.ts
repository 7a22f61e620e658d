// Values that follow the inputs once typing pauses: messages and announcements are not made for every
// keystroke of a half-typed number.
import { useEffect, useState } from "preact/hooks";

/** `value` once it has not changed for `delayMs`; the first value at once. */
export const useSettled = <T>(value: T, delayMs: number): T => {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
};

/** Messages by field. */
type Messages<K extends string> = Partial<Record<K, string>>;

const sameMessages = <K extends string>(a: Messages<K>, b: Messages<K>): boolean => {
  const keys = Object.keys(a) as K[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

/**
 * Field messages as shown: a new or changed message once the inputs have not changed for `delayMs`;
 * a fixed field's message goes at once. The messages the page opens with show at once.
 */
export const useSettledMessages = <K extends string>(messages: Messages<K>, delayMs: number): Messages<K> => {
  const [shown, setShown] = useState(messages);
  useEffect(() => {
    setShown((previous) => {
      const kept: Messages<K> = {};
      for (const [key, text] of Object.entries(previous) as [K, string][])
        if (messages[key] !== undefined) kept[key] = text;
      return sameMessages(kept, previous) ? previous : kept;
    });
    const timer = setTimeout(
      () => setShown((previous) => (sameMessages(previous, messages) ? previous : messages)),
      delayMs,
    );
    return () => clearTimeout(timer);
  }, [messages, delayMs]);
  return shown;
};
