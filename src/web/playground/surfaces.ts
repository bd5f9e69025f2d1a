/**
 * The 2-D loss surfaces of the playground. Each is written once, as an elementwise function of
 * jax-js arrays: on two 0-d arrays it is the loss whose gradient drives the optimizers, on two
 * grids it gives the contour plot. Each function consumes its arguments.
 *
 * - quadratic bowl: f = ½(λ_min u² + λ_max v²) with (u, v) the point rotated by 30°, λ_min = 1 and
 *   λ_max = κ (the condition number). Its Hessian is constant, so gradient descent is stable
 *   exactly while η < 2/λ_max: along the top eigenvector each step multiplies the distance to the
 *   minimum by 1 − ηλ_max, whose size passes 1 at η = 2/λ_max.
 * - Rosenbrock (1960): f = (1 − x)² + 100(y − x²)², a curved valley, minimum 0 at (1, 1).
 * - Beale (1958): f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum 0 at (3, 0.5).
 * - saddle: f = ½x² + ¼y⁴ − ½y², a saddle at (0, 0) between minima −¼ at (0, ±1); started on the
 *   ridge, plain gradient descent escapes only as fast as the tiny initial y grows.
 *
 * The noisy versions add N(0, σ²) noise to each gradient component (as a mini-batch gradient
 * would), σ chosen per surface from its typical gradient size.
 */
import { jax, type JaxArray } from "../../core.js";

export type SurfaceName = "quadratic" | "rosenbrock" | "beale" | "saddle";

export interface Surface {
  name: SurfaceName;
  label: string;
  f(x: JaxArray, y: JaxArray): JaxArray;
  bounds: { x: [number, number]; y: [number, number] };
  start: [number, number];
  /** The minimum value and where it is reached. */
  minimum: number;
  minima: [number, number][];
  /** The Hessian's largest eigenvalue where it is constant (the quadratic). */
  lambdaMax?: number;
  /** Gradient noise σ of the noisy version. */
  noise: number;
  /** Default η for plain and momentum SGD, and for adaptive optimizers (Adam, RMSprop, …). */
  lrs: { sgd: number[]; adaptive: number[] };
}

const square = (a: JaxArray) => a.ref.mul(a);

export const surfaceNames: { name: SurfaceName; label: string }[] = [
  { name: "quadratic", label: "ill-conditioned quadratic bowl" },
  { name: "rosenbrock", label: "Rosenbrock valley" },
  { name: "beale", label: "Beale" },
  { name: "saddle", label: "saddle between two minima" },
];

const label = (name: SurfaceName) => surfaceNames.find((s) => s.name === name)!.label;

export function surface(name: SurfaceName, kappa = 10): Surface {
  switch (name) {
    case "quadratic": {
      const c = Math.cos(Math.PI / 6);
      const s = Math.sin(Math.PI / 6);
      const edge = 2 / kappa;
      return {
        name,
        label: label(name),
        f: (x, y) => {
          const u = x.ref.mul(c).add(y.ref.mul(s));
          const v = y.mul(c).sub(x.mul(s));
          return square(u).mul(0.5).add(square(v).mul(0.5 * kappa));
        },
        bounds: { x: [-2, 2], y: [-2, 2] },
        start: [-1.5, 1.2],
        minimum: 0,
        minima: [[0, 0]],
        lambdaMax: kappa,
        noise: 0.5,
        lrs: { sgd: [0.2, 0.6, 0.95, 1.05].map((k) => k * edge), adaptive: [0.01, 0.05, 0.2, 0.5] },
      };
    }
    case "rosenbrock":
      return {
        name,
        label: label(name),
        f: (x, y) => square(x.ref.neg().add(1)).add(square(y.sub(x.ref.mul(x))).mul(100)),
        bounds: { x: [-2, 2], y: [-1, 3] },
        start: [-1.5, 2.5],
        minimum: 0,
        minima: [[1, 1]],
        noise: 5,
        lrs: { sgd: [2e-4, 6e-4, 1.5e-3], adaptive: [0.01, 0.05, 0.2] },
      };
    case "beale":
      return {
        name,
        label: label(name),
        f: (x, y) => {
          const xy = x.ref.mul(y.ref);
          const xy2 = xy.ref.mul(y.ref);
          const xy3 = xy2.ref.mul(y);
          return square(xy.sub(x.ref).add(1.5)).add(square(xy2.sub(x.ref).add(2.25))).add(square(xy3.sub(x).add(2.625)));
        },
        bounds: { x: [-1, 4.5], y: [-1.5, 2] },
        start: [0.5, 1.5],
        minimum: 0,
        minima: [[3, 0.5]],
        noise: 2,
        lrs: { sgd: [1e-3, 4e-3, 1e-2], adaptive: [0.01, 0.05, 0.2] },
      };
    case "saddle":
      return {
        name,
        label: label(name),
        f: (x, y) => {
          const y2 = square(y);
          return square(x).mul(0.5).add(square(y2.ref).mul(0.25)).sub(y2.mul(0.5));
        },
        bounds: { x: [-2, 2], y: [-2, 2] },
        start: [1.8, 1e-3],
        minimum: -0.25,
        minima: [
          [0, 1],
          [0, -1],
        ],
        noise: 0.05,
        lrs: { sgd: [0.05, 0.15, 0.5, 1.5], adaptive: [0.01, 0.05, 0.2] },
      };
  }
}

/** f on a grid of n × n points over the surface's bounds, row 0 at the top (largest y). */
export async function surfaceGrid(s: Surface, n: number): Promise<Float32Array> {
  const xs = new Float32Array(n * n);
  const ys = new Float32Array(n * n);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      xs[row * n + col] = s.bounds.x[0] + ((s.bounds.x[1] - s.bounds.x[0]) * col) / (n - 1);
      ys[row * n + col] = s.bounds.y[1] - ((s.bounds.y[1] - s.bounds.y[0]) * row) / (n - 1);
    }
  }
  const np = jax.numpy;
  return (await s.f(np.array(xs), np.array(ys)).data()) as Float32Array;
}
