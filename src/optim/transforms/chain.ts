/**
 * Composition of gradient transformations, as optax's `chain`: the updates flow through each
 * transformation in order, and the chain's state is the list of their states.
 */
import type { GradientTransformation, Params } from "../types.js";

/**
 * Run `transforms` one after another. `evalParams` (Schedule-Free's evaluation point) is
 * composed the same way, and is present only when some transformation defines it.
 */
export function chain(...pieces: GradientTransformation<unknown>[]): GradientTransformation<unknown[]> {
  const withEval = pieces.some((t) => t.evalParams);
  return {
    init: (params) => pieces.map((t) => t.init(params)),
    update(updates, state, params, hyper) {
      let current = updates;
      const next = pieces.map((t, i) => {
        const [u, s] = t.update(current, state[i], params, hyper);
        current = u;
        return s;
      });
      return [current, next];
    },
    ...(withEval && {
      evalParams(params: Params, state: unknown[]): Params {
        let current: Params | undefined;
        pieces.forEach((t, i) => {
          if (!t.evalParams) return;
          const next = t.evalParams(current ?? params, state[i]);
          if (current) disposeParams(current);
          current = next;
        });
        return current!;
      },
    }),
  };
}

function disposeParams(params: Params): void {
  for (const p of Object.values(params)) p.dispose();
}
