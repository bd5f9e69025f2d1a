/** Test support: the ConfigError that `fn` throws (any other error is rethrown; none fails the test). */
import { ConfigError } from "../errors.js";

export function catchConfigError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}
