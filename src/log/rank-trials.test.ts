import { describe, expect, it } from "vitest";
import { rankTrials, type RankedView } from "./index.js";

const trial = (name: string, value: number | undefined, epochs: number, extra: Partial<RankedView> = {}) => ({ name, view: { failed: false, value, stoppedEarly: false, epochs, ...extra } });

describe("rankTrials", () => {
  it("never ranks a trial ASHA stopped above a finished one, and ranks stopped trials by epochs reached, then value", () => {
    const trials = [
      trial("stopped at 1, best value", 0.05, 1, { stoppedEarly: true }),
      trial("finished", 0.3, 9),
      trial("stopped at 3", 0.2, 3, { stoppedEarly: true }),
      trial("failed", undefined, 0, { failed: true }),
      trial("finished, better", 0.1, 9),
      trial("diverged", NaN, 9),
      trial("stopped at 3, better", 0.15, 3, { stoppedEarly: true }),
    ];
    expect(rankTrials(trials, (t) => t.view, "min").map((t) => t.name)).toEqual([
      "finished, better",
      "finished",
      "stopped at 3, better",
      "stopped at 3",
      "stopped at 1, best value",
      "diverged",
      "failed",
    ]);
  });

  it("keeps the given order for ties", () => {
    const trials = [trial("a", 0.5, 2), trial("b", 0.5, 2)];
    expect(rankTrials(trials, (t) => t.view, "max").map((t) => t.name)).toEqual(["a", "b"]);
  });
});
