/** The seed example: a line fitted by full-batch gradient descent, as PyTorch fits it. */
export { linearRegression, type LinearRegressionOptions, type LinearRegressionResult } from "./run.js";
