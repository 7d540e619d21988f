import { usageError } from "../errors/companion-error.js";
import { absentValue, inputKey, type InputOf } from "../commands/input.js";
import { COMMANDS, type CommandName, type FlagSpec, GLOBAL_FLAGS } from "../commands/table.js";
import { nearest } from "./nearest.js";

/** The flags every command takes, outside the operation's input. */
export interface GlobalFlags {
  stateDir: string | undefined;
  human: boolean;
  help: boolean;
}

/** A command line read against the table; the prompt is not resolved yet (see prompt.ts). */
export interface ParsedCommand<C extends CommandName = CommandName> {
  command: C;
  /** The operation's input, minus `prompt`. */
  values: Omit<InputOf<C>, "prompt">;
  globals: GlobalFlags;
  /** argv words: the prompt of commands that take one. */
  words: string[];
  /** `--prompt-file FILE` or `-`, when given. */
  promptFile: string | undefined;
}

const allFlags = (command: CommandName): Record<string, FlagSpec> => ({ ...GLOBAL_FLAGS, ...(COMMANDS[command].flags as Record<string, FlagSpec>) });

/**
 * Reads argv against the command's row of the table. Unknown flags are usage errors (never
 * prompt text), with the nearest real flag suggested; words after `--` are prompt text.
 */
export function parseCommandLine<C extends CommandName>(command: C, argv: readonly string[]): ParsedCommand<C> {
  const flags = allFlags(command);
  const raw = new Map<string, string[]>();
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-h") {
      raw.set("help", ["true"]);
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      words.push(arg);
      continue;
    }
    const [name, inline] = splitFlag(arg);
    const flag = flags[name];
    if (flag === undefined) throw unknownFlag(command, arg.split("=")[0] as string, Object.keys(flags));
    if (flag.kind === "boolean") {
      if (inline !== undefined) throw usageError(`${command}: --${name} takes no value.`);
      raw.set(name, ["true"]);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw usageError(`${command}: --${name} needs a value.`);
    checkValue(command, name, flag, value);
    raw.set(name, flag.kind === "list" ? [...(raw.get(name) ?? []), value] : [value]);
  }
  if (words.length > 0 && COMMANDS[command].prompt === null) {
    throw usageError(`${command}: unexpected argument "${words[0]}"; ${command} takes no prompt.`, `Run \`${command} --help\` for its flags.`);
  }
  const globals: GlobalFlags = { stateDir: raw.get("state-dir")?.[0], human: raw.has("human"), help: raw.has("help") };
  const values: Record<string, unknown> = {};
  let promptFile: string | undefined;
  for (const [name, flag] of Object.entries(COMMANDS[command].flags as Record<string, FlagSpec>)) {
    const given = raw.get(name);
    if (flag.kind === "prompt-file") promptFile = given?.[0];
    else values[inputKey(name)] = given === undefined ? absentValue(flag) : convert(command, name, flag, given);
    if (flag.required && given === undefined && !globals.help) {
      throw usageError(`${command}: --${name} is required${flag.values ? ` (one of ${flag.values.join(", ")})` : ""}.`);
    }
  }
  return { command, values: values as ParsedCommand<C>["values"], globals, words, promptFile };
}

function splitFlag(arg: string): [name: string, inline: string | undefined] {
  const body = arg.replace(/^--?/, "");
  const eq = body.indexOf("=");
  return eq === -1 ? [body, undefined] : [body.slice(0, eq), body.slice(eq + 1)];
}

function unknownFlag(command: CommandName, given: string, known: readonly string[]) {
  const guess = nearest(given.replace(/^--?/, ""), known);
  return usageError(
    `${command}: unknown flag ${given}${guess ? `; did you mean --${guess}?` : ""}`,
    `Run \`${command} --help\` for its flags; put prompt text after \`--\` if it starts with a dash.`,
  );
}

/** Values that are paths or refs must not look like options (`--base -x`). */
function checkValue(command: CommandName, name: string, flag: FlagSpec, value: string): void {
  if (value === "") throw usageError(`${command}: --${name} needs a non-empty value.`);
  if (value.startsWith("-") && !(flag.kind === "prompt-file" && value === "-")) {
    throw usageError(`${command}: --${name} needs a value, got the option-shaped "${value}".`);
  }
}

function convert(command: CommandName, name: string, flag: FlagSpec, given: string[]): unknown {
  const last = given.at(-1) as string;
  switch (flag.kind) {
    case "boolean":
      return true;
    case "list":
      return given.flatMap(splitOutsideBraces);
    case "seconds":
      return parseSeconds(command, name, last);
    case "enum":
      if (!(flag.values ?? []).includes(last)) throw usageError(`${command}: --${name} must be one of ${(flag.values ?? []).join(", ")}, got "${last}".`);
      return last;
    default:
      return last;
  }
}

/** A positive number of seconds, e.g. `--timeout 90` or `--timeout 0.5`. */
export function parseSeconds(command: string, name: string, raw: string): number {
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(seconds) || seconds <= 0) {
    throw usageError(`${command}: --${name} takes a positive number of seconds, got "${raw}".`);
  }
  return seconds;
}

/** `src/*.{ts,tsx},README.md` → `src/*.{ts,tsx}`, `README.md`: commas inside braces belong to the glob. */
export function splitOutsideBraces(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of value) {
    if (char === "{") depth++;
    else if (char === "}") depth = Math.max(0, depth - 1);
    if (char === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}
