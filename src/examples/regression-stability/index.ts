/**
 * The regression-stability example: the largest stable η of full-batch gradient descent from the
 * Hessian of least squares (η_max = 2/λ_max), checked by running GD just below and just above it,
 * next to mini-batch and batch-1 SGD at the same η, on the diabetes data.
 */
export { runRegressionStability, type RegressionStabilityOptions, type RegressionStabilityResult, type StabilityRun, type StabilityProgress, type Method } from "./run.js";
export { formatRegressionStability, fellEveryStep } from "./format.js";
export { leastSquaresHessian, symmetricEigenvalues } from "./hessian.js";
export { leastSquaresOptimum } from "./least-squares.js";
export { diabetesDesignMatrix, type DesignMatrix } from "./design-matrix.js";
export { deviceHessian } from "./device-hessian.js";
export { createDescent, type Descent, type DescentRun } from "./descent.js";
