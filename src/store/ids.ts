/**
 * Run and sweep ids: 8 base-36 digits of the creation time in milliseconds (ids sort by time as
 * strings until the year 2059) followed by 5 random base-36 digits (60 million values, so two
 * processes creating runs in the same millisecond practically never collide). Within one process
 * the time part is made strictly increasing, so ids also sort in creation order.
 */
import { randomInt } from "node:crypto";

let lastTime = 0;

export function newId(now = Date.now()): string {
  lastTime = Math.max(now, lastTime + 1);
  const random = randomInt(36 ** 5).toString(36).padStart(5, "0");
  return `${lastTime.toString(36).padStart(8, "0")}${random}`;
}
