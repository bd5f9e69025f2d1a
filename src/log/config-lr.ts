/**
 * The η a recorded run is known by, read from its stored config: a schedule's peak
 * (`scheduler.max_lr`, as OneCycleLR and CyclicLR name it) when it has one, else the optimizer's
 * `lr`. Undefined when the config names neither (a config from code without an optimizer spec).
 */
export function configLr(config: unknown): number | undefined {
  const lr = at(config, ["scheduler", "max_lr"]) ?? at(config, ["optimizer", "lr"]);
  return typeof lr === "number" ? lr : undefined;
}

function at(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);
}
