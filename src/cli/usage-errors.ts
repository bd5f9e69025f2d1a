/**
 * Usage errors (an unknown command or option, a missing or invalid option value) the way every
 * lrkit command reports them: commander's `error: …` line, its "Did you mean …?" guess, one short
 * usage line instead of the whole help, and exit code 2 — the code a bad config or --set gets too.
 */
import type { Command, CommanderError } from "commander";

/** The exit code of every usage error and of every bad config, spec, dataset or store. */
export const usageExitCode = 2;

/** Applies the usage-error behaviour to `command` and, recursively, to its sub-commands. */
export function reportUsageErrors(command: Command): Command {
  command.showSuggestionAfterError(true).showHelpAfterError(`usage: ${commandPath(command)} ${command.usage()} (${commandPath(command)} --help for more)`);
  command.exitOverride((error: CommanderError) => process.exit(error.exitCode === 0 ? 0 : usageExitCode));
  for (const sub of command.commands) reportUsageErrors(sub);
  return command;
}

/** `lrkit runs show`: the command's name after its parents'. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(" ");
}
