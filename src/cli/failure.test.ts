import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { userMessage } from "./failure.js";

describe("userMessage", () => {
  it("sets the config file apart from the key path", () => {
    expect(userMessage(new ConfigError("configs/run.yaml.scheduler.T_max: expected a number; got \"x\"", "configs/run.yaml.scheduler"))).toBe(
      'configs/run.yaml: scheduler.T_max: expected a number; got "x"',
    );
    expect(userMessage(new ConfigError("/tmp/a.b/sweep.yml.search.space.\"optimizer.lr\": bad", "x"))).toBe('/tmp/a.b/sweep.yml: search.space."optimizer.lr": bad');
    expect(userMessage(new ConfigError("run.json.epochs: bad", "run.json"))).toBe("run.json: epochs: bad");
  });

  it("leaves other messages alone", () => {
    expect(userMessage(new ConfigError("run.yaml: not valid YAML", "run.yaml"))).toBe("run.yaml: not valid YAML");
    expect(userMessage(new ConfigError("scheduler.T_max: bad", "scheduler"))).toBe("scheduler.T_max: bad");
  });
});
