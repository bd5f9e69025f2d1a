/** Reading specs and configs given on the command line (inline JSON, or JSON/YAML files). */
import { existsSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { ConfigError } from "../errors.js";

/**
 * A spec or config given on the command line, as an object, and where it came from for errors:
 * inline JSON when it starts with `{`, else a .json/.yaml/.yml file.
 */
export function readSpec(argument: string, example = '{"type": "StepLR", "step_size": 30}', name = "SPEC"): { spec: Record<string, unknown>; where: string } {
  const inline = argument.trimStart().startsWith("{");
  const where = inline ? name : argument;
  let parsed: unknown;
  if (inline) {
    try {
      parsed = JSON.parse(argument);
    } catch (error) {
      throw new ConfigError(`${name} is not valid JSON (${(error as Error).message}): ${argument}`, where, undefined, argument);
    }
  } else {
    const ext = extname(argument).toLowerCase();
    if (![".json", ".yaml", ".yml"].includes(ext)) {
      throw new ConfigError(
        `${name} "${argument}" is neither inline JSON (starting with "{") nor a .json, .yaml or .yml file`,
        name,
        undefined,
        argument,
      );
    }
    if (!existsSync(argument)) throw new ConfigError(`${name}: the file "${argument}" does not exist`, name, undefined, argument);
    const text = readFileSync(argument, "utf8");
    try {
      parsed = ext === ".json" ? JSON.parse(text) : parseYaml(text);
    } catch (error) {
      throw new ConfigError(`${argument}: not valid ${ext === ".json" ? "JSON" : "YAML"}: ${(error as Error).message}`, where, undefined, text);
    }
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ConfigError(
      `${where}: expected an object such as ${example}; got ${JSON.stringify(parsed)}`,
      where,
      undefined,
      parsed,
    );
  }
  return { spec: parsed as Record<string, unknown>, where };
}
