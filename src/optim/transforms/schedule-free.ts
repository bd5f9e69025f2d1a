/**
 * Schedule-Free AdamW (Defazio et al. 2024, "The Road Less Scheduled", Algorithm 1), following
 * the authors' reference implementation (`AdamWScheduleFreeReference` in
 * facebookresearch/schedule_free). The parameters the model trains at are y; the state keeps the
 * base sequence z and the average x (which is what to evaluate). At step t = k + 1:
 *
 *     γₜ    = lr · min(1, t / warmup_steps) · √(1 − β₂ᵗ)      (warm-up, Adam's bias correction)
 *     γmax  = max(γmax, γₜ)
 *     wₜ    = tʳ · γmaxᵖ                                      (p = weight_lr_power)
 *     cₜ    = wₜ / Σₛ≤ₜ wₛ                                     (0 while the sum is 0)
 *     vₜ    = β₂·vₜ₋₁ + (1 − β₂)·g²                           (g taken at y)
 *     z     ← z − γₜ·λ·y − γₜ·g / (√vₜ + ε)                   (weight decay at y)
 *     x     ← (1 − cₜ)·x + cₜ·z
 *     y     ← β₁·x + (1 − β₁)·z
 *
 * The transformation outputs y_new − y, so θ ← θ + u lands on the new y. `evalParams` returns x.
 * z, x and y all start at the initial parameters.
 *
 * β₂ᵗ is a running product. When r and p are whole or half numbers up to 16 (the defaults are 0
 * and 2), tʳ and γmaxᵖ are products (and a square root), exact; other values use the device's
 * `pow`, which for float64 on WebAssembly is only about float32-accurate (it moves only the
 * averaging weight cₜ, by about 1e-5 relative).
 * `hyper.lr` replaces lr and `hyper.momentum` replaces β₁ for the step.
 */
import { jax, type JaxArray, scalarLike, scalarOf } from "../../engine/index.js";
import type { GradientTransformation, Params } from "../types.js";
import { emaOfSquare } from "./scale-by-adam.js";
import { mapParams, oneMinus, scalarState, zerosLikeParams } from "./params.js";

const np = jax.numpy;

export interface ScheduleFreeOptions {
  lr: number;
  b1: number;
  b2: number;
  eps: number;
  weightDecay: number;
  warmupSteps: number;
  r: number;
  weightLrPower: number;
}

export interface ScheduleFreeState {
  count: JaxArray;
  b2Power: JaxArray;
  lrMax: JaxArray;
  weightSum: JaxArray;
  z: Params;
  x: Params;
  nu: Params;
}

/** Schedule-Free AdamW's step as an update y_new − y, see the module docstring. */
export function scheduleFreeAdamW(options: ScheduleFreeOptions): GradientTransformation<ScheduleFreeState> {
  const { b1, b2, eps, weightDecay, warmupSteps, r, weightLrPower } = options;
  return {
    init: (params) => ({
      count: scalarState(params, 0),
      b2Power: scalarState(params, 1),
      lrMax: scalarState(params, 0),
      weightSum: scalarState(params, 0),
      z: mapParams(params, (p) => p.ref),
      x: mapParams(params, (p) => p.ref),
      nu: zerosLikeParams(params),
    }),
    update(updates, state, params, hyper) {
      const dtype = state.count.dtype;
      const constant = (value: number) => scalarOf(value, dtype);
      const t = state.count.add(constant(1));
      const b2Power = state.b2Power.mul(constant(b2));
      let lr = scalarOf(hyper.lr ?? options.lr, dtype);
      if (warmupSteps > 0) {
        const warm = np.where(t.ref.less(constant(warmupSteps)), t.ref.div(constant(warmupSteps)), constant(1));
        lr = lr.mul(warm);
      }
      lr = lr.mul(np.sqrt(oneMinus(b2Power, b2Power)));
      const lrMax = np.maximum(state.lrMax, lr.ref);
      let weight = power(lrMax.ref, weightLrPower);
      if (r !== 0) weight = weight.mul(power(t.ref, r));
      const weightSum = state.weightSum.add(weight.ref);
      const positive = weightSum.ref.greater(constant(0));
      const c = np.where(positive, weight.div(weightSum.ref), constant(0));
      const beta1 = hyper.momentum ?? b1;
      const z: Params = {};
      const x: Params = {};
      const nu: Params = {};
      const out = mapParams(updates, (g, name) => {
        const y = params[name]!;
        const v = emaOfSquare(state.nu[name]!, g.ref, b2);
        nu[name] = v.ref;
        let zNew = state.z[name]!;
        if (weightDecay !== 0) zNew = zNew.sub(y.ref.mul(scalarLike(lr, y).mul(scalarLike(weightDecay, y))));
        zNew = zNew.sub(g.div(np.sqrt(v).add(scalarLike(eps, y))).mul(scalarLike(lr, y)));
        const xNew = state.x[name]!.mul(oneMinus(c, y)).add(zNew.ref.mul(scalarLike(c, y)));
        const yNew = xNew.ref.mul(scalarLike(beta1, y)).add(zNew.ref.mul(oneMinus(beta1, y)));
        z[name] = zNew;
        x[name] = xNew;
        return yNew.sub(y.ref);
      });
      lr.dispose();
      c.dispose();
      return [out, { count: t, b2Power, lrMax, weightSum, z, x, nu }];
    },
    evalParams: (_params, state) => mapParams(state.x, (x) => x.ref),
  };
}

/**
 * xᵖ, exactly for p a whole or half number up to 16 (repeated products, times √x for a half);
 * the device's `pow` otherwise. Consumes `x`.
 */
function power(x: JaxArray, p: number): JaxArray {
  if (!Number.isInteger(2 * p) || p < 0 || p > 16) return np.power(x, scalarLike(p, x));
  let result = Number.isInteger(p) ? scalarLike(1, x) : np.sqrt(x.ref);
  for (let i = 1; i <= p; i++) result = result.mul(x.ref);
  x.dispose();
  return result;
}
