import { type Bundle, COMMANDS, isCommand } from "../commands/table.js";

/** A bundle the bin can load: the table's, or the one background launches start from. */
export type EntryBundle = Bundle | "launch";

const LAUNCHES: ReadonlySet<string> = new Set(["run", "continue"]);

/** Pure: `--background` before `--` is always the flag, as no option takes an option-shaped value. */
const inBackground = (args: readonly string[]): boolean => {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).includes("--background");
};

/**
 * Which bundle the bin loads for a command line (the entry of a tiny bundle of its own, so
 * routing costs the fast paths almost nothing). Help, --version and unknown commands go to
 * the main bundle, which explains them; `run`/`continue --background` to the launch bundle.
 */
export const bundleFor = (argv: readonly string[]): EntryBundle => {
  const [command, ...args] = argv;
  if (command === undefined || !isCommand(command)) return "main";
  return LAUNCHES.has(command) && inBackground(args) ? "launch" : COMMANDS[command].bundle;
};
