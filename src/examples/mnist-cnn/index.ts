/** The mnist-cnn example: the seed's CNN trained with Adam 1e-3 for one epoch on MNIST, with its test accuracy and time. */
export { runMnistCnn, mnistCnnConfig, type MnistCnnOptions, type MnistCnnResult, type MnistCnnProgress } from "./run.js";
export { formatMnistCnn } from "./format.js";
