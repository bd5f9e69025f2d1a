/** What the suggestion rules read and return. */

/** A range-test curve: the η of each step and its (smoothed) loss, η increasing. */
export interface Curve {
  readonly lrs: readonly number[];
  readonly losses: readonly number[];
}

/** A suggested η and the index of the curve point the rule settled on, or no suggestion and why. */
export type Suggestion = { lr: number; index: number } | { lr: undefined; reason: string };

export function noSuggestion(reason: string): Suggestion {
  return { lr: undefined, reason };
}
