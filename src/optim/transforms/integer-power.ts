/**
 * βᵗ for a traced β and a traced whole step count t, as PyTorch's bias corrections compute
 * `beta1 ** step` from the β₁ in force now.
 *
 * Exponentiation by squaring over the binary digits bₖ of t: βᵗ = ∏ₖ (β^(2ᵏ))^(bₖ). Each factor
 * is selected exactly and each square rounds once, so the result is as accurate as the dtype
 * allows — the device's `pow` is only about float32-accurate in float64 on wasm. t is read up to
 * 2²⁴ − 1 (a float32 count stops there); β^(2²⁴) has long underflowed for any β < 1 − 10⁻⁵.
 */
import { jax, scalarLike, type JaxArray, type Scalar } from "../../engine/index.js";

const np = jax.numpy;
const digits = 24;

/** βᵗ in `count`'s dtype; borrows `base` and `count`. */
export function integerPower(base: Scalar, count: JaxArray): JaxArray {
  let square = scalarLike(base, count);
  let rest = np.minimum(count.ref, scalarLike(2 ** digits - 1, count));
  let power = scalarLike(1, count);
  for (let k = 0; k < digits; k++) {
    const half = np.floor(rest.ref.mul(scalarLike(0.5, count)));
    const digit = rest.sub(half.ref.mul(scalarLike(2, count)));
    power = np.where(digit.greater(scalarLike(0, count)), power.ref.mul(square.ref), power);
    square = square.ref.mul(square);
    rest = half;
  }
  square.dispose();
  rest.dispose();
  return power;
}
