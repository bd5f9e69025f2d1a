/**
 * The same Hessian from automatic differentiation: `jax.hessian` of the float32 loss
 * J(w) = (1/n)‖Xw − y‖² at w = 0 (any w gives the same H for a quadratic), read back to the host.
 * It cross-checks the float64 formula H = (2/n)XᵀX to float32 precision. Returned symmetrised,
 * ½(H + Hᵀ), since float32 rounding may differ between the two triangles.
 */
import { jax, type JaxArray } from "../../engine/index.js";
import type { DesignMatrix } from "./design-matrix.js";

const np = jax.numpy;

export async function deviceHessian({ n, d, x, y }: DesignMatrix): Promise<number[][]> {
  const xs = np.array(x, { shape: [n, d], dtype: np.float32 });
  const ys = np.array(y, { shape: [n], dtype: np.float32 });
  const loss = (w: JaxArray) => {
    const residual = np.matmul(xs.ref, w).sub(ys.ref);
    return residual.ref.mul(residual).mean();
  };
  try {
    const flat = await jax.hessian(loss)(np.zeros([d], { dtype: np.float32 })).data();
    return Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => (flat[a * d + b]! + flat[b * d + a]!) / 2));
  } finally {
    xs.dispose();
    ys.dispose();
  }
}
