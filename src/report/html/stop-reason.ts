/** Why the trainer stopped a run early, as the train command records it in the run's summary (`summary.stopped`), if it did. */
export function stopReason(summary: unknown): { kind: string; reason: string } | undefined {
  const stopped = isRecord(summary) ? summary.stopped : undefined;
  if (isRecord(stopped) && typeof stopped.kind === "string" && typeof stopped.reason === "string") return { kind: stopped.kind, reason: stopped.reason };
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
