import { parseArgs, type ParseArgsConfig } from "node:util";
import { usageError } from "../errors/companion-error.js";

type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export const GLOBAL_OPTIONS = {
  "state-dir": { type: "string" },
  human: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpec;

const JOB_FLAGS = {
  background: { type: "boolean" },
  model: { type: "string" },
  "keep-snapshot": { type: "boolean" },
  timeout: { type: "string" },
  "json-schema": { type: "string" },
  "auth-mode": { type: "string" },
  "prompt-file": { type: "string" },
  "include-secret": { type: "string", multiple: true },
} as const satisfies OptionSpec;

const SCOPE_FLAGS = {
  mode: { type: "string" },
  cwd: { type: "string" },
  base: { type: "string" },
  paths: { type: "string", multiple: true },
  scope: { type: "string" },
  containment: { type: "string" },
} as const satisfies OptionSpec;

/** Every command's flags; anything else on the command line is a usage error. */
export const COMMAND_OPTIONS = {
  run: { ...SCOPE_FLAGS, ...JOB_FLAGS },
  continue: { job: { type: "string" }, ...JOB_FLAGS },
  status: { job: { type: "string" }, all: { type: "boolean" }, cwd: { type: "string" } },
  result: { job: { type: "string" } },
  wait: { job: { type: "string" }, timeout: { type: "string" } },
  cancel: { job: { type: "string" }, force: { type: "boolean" } },
  preflight: { ...SCOPE_FLAGS, "include-secret": { type: "string", multiple: true } },
  doctor: { "auth-mode": { type: "string" }, "no-probe": { type: "boolean" } },
  prune: { "dry-run": { type: "boolean" } },
  __worker: { job: { type: "string" } },
} as const satisfies Record<string, OptionSpec>;

export type CommandName = keyof typeof COMMAND_OPTIONS;
export const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMAND_OPTIONS, name);

/** Which commands take positional words (the prompt). */
const TAKES_PROMPT: ReadonlySet<CommandName> = new Set(["run", "continue"]);

/** Values that are paths or refs must not look like options (`--base -x`). */
const VALUE_MAY_START_WITH_DASH: ReadonlySet<string> = new Set(["prompt-file"]);

export interface ParsedCommand {
  command: CommandName;
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseCommandLine(command: CommandName, argv: readonly string[]): ParsedCommand {
  const options = { ...GLOBAL_OPTIONS, ...COMMAND_OPTIONS[command] } as OptionSpec;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: TAKES_PROMPT.has(command) });
  } catch (error) {
    throw usageError(`${command}: ${(error as Error).message}`, `Run \`${command} --help\`; put prompt text after \`--\` if it starts with a dash.`);
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (typeof item === "string" && item.startsWith("-") && !(VALUE_MAY_START_WITH_DASH.has(name) && item === "-")) {
        throw usageError(`${command}: --${name} needs a value, got the option-shaped "${item}".`);
      }
      if (typeof item === "string" && item === "") throw usageError(`${command}: --${name} needs a non-empty value.`);
    }
  }
  return { command, values: parsed.values as ParsedCommand["values"], positionals: parsed.positionals };
}

export const stringFlag = (parsed: ParsedCommand, name: string): string | undefined => {
  const value = parsed.values[name];
  return typeof value === "string" ? value : undefined;
};

export const listFlag = (parsed: ParsedCommand, name: string): string[] => {
  const value = parsed.values[name];
  return Array.isArray(value) ? value.flatMap((item) => item.split(",")).map((item) => item.trim()).filter(Boolean) : [];
};

export function requiredFlag(parsed: ParsedCommand, name: string): string {
  const value = stringFlag(parsed, name);
  if (value === undefined) throw usageError(`${parsed.command}: --${name} is required.`);
  return value;
}

/** A positive number of seconds, e.g. `--timeout 90` or `--timeout 0.5`. */
export function secondsFlag(parsed: ParsedCommand, name: string): number | undefined {
  const raw = stringFlag(parsed, name);
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(seconds) || seconds <= 0) {
    throw usageError(`${parsed.command}: --${name} takes a positive number of seconds, got "${raw}".`);
  }
  return seconds;
}

export function enumFlag<T extends string>(parsed: ParsedCommand, name: string, allowed: readonly T[]): T | undefined {
  const raw = stringFlag(parsed, name);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw usageError(`${parsed.command}: --${name} must be one of ${allowed.join(", ")}, got "${raw}".`);
  }
  return raw as T;
}
