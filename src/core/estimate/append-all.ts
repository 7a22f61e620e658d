/** Pushes every item of `from` onto `to` (an indexed loop: this runs on the engine's hot path). */
export const appendAll = <T>(to: T[], from: readonly T[]): void => {
  for (let i = 0; i < from.length; i++) to.push(from[i] as T);
};
