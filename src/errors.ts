/**
 * A configuration or spec that cannot be used. The message names where the bad value came from
 * (`where`, e.g. "scheduler" or "run.yaml: optimizer"), the key, the value and what would be valid.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    message: string,
    readonly where: string,
    readonly key: string | undefined = undefined,
    readonly value: unknown = undefined,
  ) {
    super(message);
  }
}
