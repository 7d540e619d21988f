import type { Bundle } from "../commands/table.js";

/** A bundle the bin can load: the table's, or the one background launches start from. */
export type EntryBundle = Bundle | "launch";

/**
 * Which bundle serves each command: the command table's `bundle` column. The bundler writes it
 * into the bin's start file, so routing loads neither the table nor its help texts.
 */
export type Routes = Readonly<Record<string, Bundle>>;

export const routesOf = (commands: Readonly<Record<string, { readonly bundle: Bundle }>>): Routes =>
  Object.fromEntries(Object.entries(commands).map(([name, spec]) => [name, spec.bundle]));

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
export const bundleFor = (argv: readonly string[], routes: Routes): EntryBundle => {
  const [command = "", ...args] = argv;
  const bundle = Object.hasOwn(routes, command) ? routes[command] : undefined;
  if (bundle === undefined) return "main";
  return LAUNCHES.has(command) && inBackground(args) ? "launch" : bundle;
};
