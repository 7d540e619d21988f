import type { TargetFacts } from "../adapter/adapter.js";
import { COMMANDS, type CommandName, type CommandSpec, type FlagSpec, GLOBAL_FLAGS } from "../commands/table.js";

/** `--mode MODE`, `--paths GLOB`: how a flag is written in help. */
export const flagSignature = (name: string, flag: FlagSpec): string => `--${name}${flag.value ? ` ${flag.value}` : ""}`;

/** The help text of a flag, with its values and whether it is required or repeatable. */
export function flagHelp(flag: FlagSpec): string {
  const notes = [flag.values ? `one of ${flag.values.join(", ")}` : null, flag.required ? "required" : null, flag.kind === "list" ? "repeatable" : null].filter(Boolean);
  return `${flag.help}${notes.length ? ` [${notes.join("; ")}]` : ""}`;
}

const flagLines = (flags: Readonly<Record<string, FlagSpec>>): string[] =>
  Object.entries(flags).map(([name, flag]) => `  ${flagSignature(name, flag).padEnd(24)}${flagHelp(flag)}`);

const globalHelp = (): string => ["Global flags:", ...flagLines(GLOBAL_FLAGS)].join("\n");

/** The commands a user sees (internal ones are left out). */
export const publicCommands = (): [CommandName, CommandSpec][] =>
  (Object.entries(COMMANDS) as [CommandName, CommandSpec][]).filter(([, spec]) => !spec.hidden);

export function commandHelp(target: TargetFacts, command: CommandName): string {
  const spec: CommandSpec = COMMANDS[command];
  const flags = flagLines(spec.flags);
  return [
    `Usage: companion-${target.name} ${spec.usage}`,
    `  ${spec.summary}`,
    ...(spec.details ? [`  ${spec.details}`] : []),
    ...(spec.prompt ? [`  PROMPT: ${spec.prompt.help}; words after -- are prompt text even if they start with a dash.`] : []),
    ...(flags.length ? ["", "Flags:", ...flags] : []),
    "",
    globalHelp(),
    "",
  ].join("\n");
}

export function mainHelp(target: TargetFacts, version: string): string {
  return `companion-${target.name} ${version}: run ${target.displayName} as foreground or background jobs with durable records.

Usage: companion-${target.name} COMMAND [flags]

Commands:
${publicCommands()
  .map(([, spec]) => `  ${spec.usage.padEnd(40)}${spec.summary}`)
  .join("\n")}

${globalHelp()}
  --version               print the version

Environment: ${target.binaryEnvVar} (target executable), COMPANION_${target.name.toUpperCase()}_MODEL, COMPANION_STATE_DIR.
Every command prints one JSON document on stdout; see \`COMMAND --help\`.
`;
}
