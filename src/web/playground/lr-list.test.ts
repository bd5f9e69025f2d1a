import { describe, expect, it } from "vitest";
import { readLrList } from "./lr-list.js";

describe("readLrList", () => {
  it("reads numbers separated by commas, semicolons or spaces", () => {
    expect(readLrList(" 0.1, 0.19;0.2  1e-3 ", 6)).toEqual({ lrs: [0.1, 0.19, 0.2, 1e-3] });
  });

  it("says which entry is wrong and why", () => {
    expect(readLrList("0.1, abc, 0.2", 6)).toEqual({ error: 'η #2 "abc" is not a number' });
    expect(readLrList("0.1 -0.2", 6)).toEqual({ error: "η #2 is -0.2: a learning rate must be a finite number > 0" });
    expect(readLrList("0", 6)).toEqual({ error: "η #1 is 0: a learning rate must be a finite number > 0" });
    expect(readLrList("Infinity", 6)).toEqual({ error: "η #1 is Infinity: a learning rate must be a finite number > 0" });
    expect(readLrList(" , ", 6)).toEqual({ error: "no η given: type one or more learning rates, e.g. 0.05, 0.1, 0.19" });
    expect(readLrList("1 2 3", 2)).toEqual({ error: "at most 2 η at once; got 3" });
  });
});
