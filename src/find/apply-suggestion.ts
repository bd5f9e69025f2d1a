/**
 * A run config that trains at a suggested η, leaving everything else as it was:
 *
 * - `"lr"`: the optimizer's base lr becomes η (a scheduler in the config then starts from it;
 *   parameter groups with their own lr keep their ratio to it);
 * - `"one_cycle"`: the scheduler becomes OneCycleLR with `max_lr` η (Smith & Topin 2019 take the
 *   range test's η as the cycle's peak). An existing OneCycleLR keeps its other keys; any other
 *   scheduler is replaced. `total_steps` is inferred from the run's length as usual.
 */
export const applyModes = ["lr", "one_cycle"] as const;
export type ApplyMode = (typeof applyModes)[number];

export function applySuggestion(config: Readonly<Record<string, unknown>>, lr: number, as: ApplyMode): Record<string, unknown> {
  if (as === "lr") return { ...config, optimizer: { ...(config.optimizer as Record<string, unknown>), lr } };
  const scheduler = config.scheduler as Record<string, unknown> | undefined;
  const kept = scheduler?.type === "OneCycleLR" ? scheduler : {};
  return { ...config, scheduler: { ...kept, type: "OneCycleLR", max_lr: lr } };
}
