import type { CommandContext } from "../commands/context.js";
import type { CommandName, ParsedCommand } from "./args.js";
import type { CommandOutput } from "./output.js";

export type CommandModule = (ctx: CommandContext, parsed: ParsedCommand) => Promise<CommandOutput>;

/** Which commands a CLI entry point can run, each imported on demand. */
export type CommandTable = Partial<Record<CommandName, () => Promise<CommandModule>>>;

export const ALL_COMMANDS: Required<CommandTable> = {
  run: async () => (await import("../commands/run.js")).runCommand,
  continue: async () => (await import("../commands/run.js")).continueCommand,
  status: async () => (await import("../commands/status.js")).statusCommand,
  result: async () => (await import("../commands/result.js")).resultCommand,
  wait: async () => (await import("../commands/wait.js")).waitCommand,
  cancel: async () => (await import("../commands/cancel.js")).cancelCommand,
  preflight: async () => (await import("../commands/preflight.js")).preflightCommand,
  doctor: async () => (await import("../commands/doctor.js")).doctorCommand,
  prune: async () => (await import("../commands/prune.js")).pruneCommand,
  apply: async () => (await import("../commands/apply.js")).applyCommand,
  __worker: async () => (await import("../commands/worker.js")).workerCommand,
};
