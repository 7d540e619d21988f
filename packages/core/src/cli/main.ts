import type { TargetAdapter, TargetFacts } from "../adapter/adapter.js";
import { EXIT, type ExitCode, usageError } from "../errors/companion-error.js";
import type { CommandContext } from "../commands/context.js";
import { commandContext } from "../commands/context.js";
import { type CommandName, isCommand, parseCommandLine, type ParsedCommand } from "./args.js";
import { commandHelp, mainHelp } from "./help.js";
import { type CommandOutput, printError, printOutput } from "./output.js";

export interface CliEnvironment {
  /** The bin's version, printed by --version. */
  version: string;
  /** Absolute path of the bin script (for the background worker). */
  binPath: string;
  /** Imports the full adapter; only commands that start the target call it. */
  loadAdapter(): Promise<TargetAdapter>;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

type CommandModule = (ctx: CommandContext, parsed: ParsedCommand) => Promise<CommandOutput>;

/** Commands are imported on demand so `status` and `result` load only what they use. */
const LOADERS: Record<CommandName, () => Promise<CommandModule>> = {
  run: async () => (await import("../commands/run.js")).runCommand,
  continue: async () => (await import("../commands/run.js")).continueCommand,
  status: async () => (await import("../commands/status.js")).statusCommand,
  result: async () => (await import("../commands/result.js")).resultCommand,
  wait: async () => (await import("../commands/wait.js")).waitCommand,
  cancel: async () => (await import("../commands/cancel.js")).cancelCommand,
  preflight: async () => (await import("../commands/preflight.js")).preflightCommand,
  doctor: async () => (await import("../commands/doctor.js")).doctorCommand,
  prune: async () => (await import("../commands/prune.js")).pruneCommand,
  __worker: async () => (await import("../commands/worker.js")).workerCommand,
};

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
    });
    const command = await LOADERS[first]();
    const output = await command(ctx, parsed);
    printOutput(output, human);
    return output.exitCode;
  } catch (error) {
    return printError(error, human);
  }
}
