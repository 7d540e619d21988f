import type { TargetAdapter, TargetFacts } from "../adapter/adapter.js";
import { EXIT, type ExitCode, usageError } from "../errors/companion-error.js";
import { commandContext } from "../commands/context.js";
import { isCommand, parseCommandLine } from "./args.js";
import { commandHelp, mainHelp } from "./help.js";
import type { CommandTable } from "./command-table.js";
import { printError, printOutput } from "./output.js";

export interface CliEnvironment {
  /** The bin's version, printed by --version. */
  version: string;
  /** Absolute path of the bin script (for the background worker). */
  binPath: string;
  /** Imports the full adapter; only commands that start the target call it. */
  loadAdapter(): Promise<TargetAdapter>;
  /** The commands this entry point runs (see command-table.ts and read-only-commands.ts). */
  commands: CommandTable;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** The whole CLI: parse, dispatch, print one document, return the exit code. */
export async function runCli(target: TargetFacts, argv: readonly string[], environment: CliEnvironment): Promise<ExitCode> {
  const human = argv.includes("--human");
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === "--help" || first === "-h" || first === "help") {
      process.stdout.write(mainHelp(target, environment.version));
      return first === undefined ? EXIT.usage : EXIT.ok;
    }
    if (first === "--version") {
      process.stdout.write(`${environment.version}\n`);
      return EXIT.ok;
    }
    if (!isCommand(first)) throw usageError(`Unknown command "${first}".`, `Run \`companion-${target.name} --help\` for the list of commands.`);
    const parsed = parseCommandLine(first, rest);
    if (parsed.values.help === true) {
      process.stdout.write(commandHelp(target, first));
      return EXIT.ok;
    }
    const ctx = commandContext(target, parsed, {
      loadAdapter: environment.loadAdapter,
      env: environment.env ?? process.env,
      cwd: environment.cwd ?? process.cwd(),
      binPath: environment.binPath,
      version: environment.version,
    });
    const load = environment.commands[first];
    if (load === undefined) throw usageError(`"${first}" is not available from this entry point.`);
    const command = await load();
    const output = await command(ctx, parsed);
    printOutput(output, human);
    return output.exitCode;
  } catch (error) {
    return printError(error, human);
  }
}
