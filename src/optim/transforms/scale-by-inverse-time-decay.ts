/**
 * Adagrad's built-in learning-rate decay, PyTorch's `lr_decay`: at step t (from 1)
 *
 *     u ← u / (1 + (t − 1)·decay)
 *
 * so that the step taken is lr / (1 + (t − 1)·lr_decay) times the scaled gradient.
 */
import { scalarLike } from "../../engine/index.js";
import type { JaxArray } from "../../engine/index.js";
import type { GradientTransformation } from "../types.js";
import { mapParams, scalarState } from "./params.js";

/** u ← u / (1 + (t − 1)·decay). */
export function scaleByInverseTimeDecay(decay: number): GradientTransformation<{ count: JaxArray }> {
  return {
    init: (params) => ({ count: scalarState(params, 0) }),
    update(updates, state) {
      const { count } = state;
      const divisor = scalarLike(1, count).add(count.ref.mul(scalarLike(decay, count)));
      const out = mapParams(updates, (u) => u.div(scalarLike(divisor, u)));
      divisor.dispose();
      return [out, { count: count.add(scalarLike(1, count)) }];
    },
  };
}
