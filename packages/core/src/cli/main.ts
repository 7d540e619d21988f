import type { TargetAdapter, TargetFacts } from "../adapter/adapter.js";
import { EXIT, type ExitCode, usageError } from "../errors/companion-error.js";
import { operationContext } from "../commands/context.js";
import type { InputOf } from "../commands/input.js";
import type { Operation, OperationTable } from "../commands/operation.js";
import { type CommandName, isCommand } from "../commands/table.js";
import { StatusLine, statusViewOf } from "../job/status-line.js";
import type { JobRecord } from "../record/schema.js";
import { parseCommandLine } from "./args.js";
import { commandHelp, mainHelp, publicCommands } from "./help.js";
import { nearest } from "./nearest.js";
import { printError, printOutput } from "./output.js";
import { readPrompt } from "./prompt.js";
import { writeStdout } from "./stdio.js";

export interface CliEnvironment {
  /** The bin's version, printed by --version. */
  version: string;
  /** Absolute path of the bin script (for the background worker). */
  binPath: string;
  /** Imports the full adapter; only commands that start the target call it. */
  loadAdapter(): Promise<TargetAdapter>;
  /** The operations this entry point runs (see commands/operations.ts, read-only-operations.ts). */
  operations: OperationTable;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** The whole CLI: parse, dispatch, print one document, return the exit code. */
export async function runCli(target: TargetFacts, argv: readonly string[], environment: CliEnvironment): Promise<ExitCode> {
  const human = argv.includes("--human");
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === "--help" || first === "-h" || first === "help") {
      writeStdout(mainHelp(target, environment.version));
      return first === undefined ? EXIT.usage : EXIT.ok;
    }
    if (first === "--version") {
      writeStdout(`${environment.version}\n`);
      return EXIT.ok;
    }
    if (!isCommand(first)) throw unknownCommand(target, first);
    const parsed = parseCommandLine(first, rest);
    if (parsed.globals.help) {
      writeStdout(commandHelp(target, first));
      return EXIT.ok;
    }
    const load = environment.operations[first];
    if (load === undefined) throw usageError(`"${first}" is not available from this entry point.`);
    const cwd = environment.cwd ?? process.cwd();
    const input = { ...parsed.values, prompt: readPrompt(parsed, cwd) } as InputOf<typeof first>;
    const ctx = operationContext(target, { env: environment.env ?? process.env, cwd, binPath: environment.binPath, version: environment.version, stateDir: parsed.globals.stateDir, loadAdapter: environment.loadAdapter });
    const operation = (await load()) as Operation<CommandName>;
    // Built on the first progress report: commands that report none never touch stderr.
    let status: StatusLine | undefined;
    const onProgress = (record: JobRecord): void => (status ??= new StatusLine(process.stderr)).show(statusViewOf(record));
    const output = await operation({ ...ctx, onInterrupt: onProcessInterrupt, onProgress }, input as never).finally(() => status?.end());
    printOutput(output, human);
    return output.exitCode;
  } catch (error) {
    return printError(error, human);
  }
}

function unknownCommand(target: TargetFacts, given: string) {
  const guess = nearest(given, publicCommands().map(([name]) => name));
  return usageError(`unknown command "${given}"${guess ? `; did you mean ${guess}?` : ""}`, `Run \`companion-${target.name} --help\` for the list of commands.`);
}

/** Ctrl-C or SIGTERM: a foreground job is cancelled, not orphaned. */
function onProcessInterrupt(handler: () => void): () => void {
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}
