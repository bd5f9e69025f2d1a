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

/** Why `suggestion` gives no η to train at: its rule's reason, or that its η is not finite. */
export function unusableReason(suggestion: Suggestion): string {
  return suggestion.lr === undefined ? suggestion.reason : `its η ${suggestion.lr} is not finite`;
}
