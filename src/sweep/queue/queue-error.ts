/** The sweep queue cannot be used: Redis unreachable, or a queue URL that is not one. The message never shows a password. */
export class QueueError extends Error {
  override name = "QueueError";
}
