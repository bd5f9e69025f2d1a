/**
 * Parameter groups by name: each group lists glob patterns (picomatch syntax, e.g. "*.bias",
 * "*norm*", "conv1.*"); a parameter belongs to the first group with a matching pattern, and to
 * the top-level options when none matches — PyTorch's param_groups, chosen by name.
 */
import picomatch from "picomatch";
import { ConfigError } from "../errors.js";

export interface GroupPatterns {
  patterns: readonly string[];
}

/** Assigns parameter names to groups; the index `groups.length` is the top-level (unmatched) group. */
export class GroupAssignment {
  readonly #matchers: ((name: string) => boolean)[][];
  #cache: { key: string; groups: number[] } | undefined;

  constructor(
    private readonly groups: readonly GroupPatterns[],
    private readonly where: string,
  ) {
    this.#matchers = groups.map((g) => g.patterns.map((pattern) => picomatch(pattern)));
  }

  /** The group index of each name, in order. */
  assign(names: readonly string[]): number[] {
    const key = names.join("\n");
    if (this.#cache?.key !== key) {
      const groups = names.map((name) => {
        const index = this.#matchers.findIndex((matchers) => matchers.some((matches) => matches(name)));
        return index === -1 ? this.groups.length : index;
      });
      this.#cache = { key, groups };
    }
    return this.#cache.groups;
  }

  /** Throws a ConfigError for the first pattern that matches none of `names`. */
  checkPatterns(names: readonly string[]): void {
    this.#matchers.forEach((matchers, i) => {
      matchers.forEach((matches, j) => {
        if (names.some((name) => matches(name))) return;
        const pattern = this.groups[i]!.patterns[j]!;
        const at = `${this.where}.param_groups[${i}]`;
        throw new ConfigError(
          `${at}.params: pattern "${pattern}" matches no parameter; parameters: ${names.join(", ") || "(none)"}`,
          at,
          "params",
          pattern,
        );
      });
    });
  }
}
