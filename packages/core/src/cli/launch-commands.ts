import type { CommandTable } from "./command-table.js";

/**
 * `run --background` and `continue --background`: the launch bundle of their own (the bins
 * route them there) holds only what a launch does, so it returns close to bare `node`
 * (SPEC §10). A separate module, so that bundle never references the other commands.
 */
export const LAUNCH_COMMANDS: CommandTable = {
  run: async () => (await import("../commands/run.js")).runCommand,
  continue: async () => (await import("../commands/run.js")).continueCommand,
};
