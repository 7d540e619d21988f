/**
 * What the front-ends (the CLI's main bundle, the MCP server) need to serve the table's
 * operations, apart from the package's index: the index re-exports the record schemas, and
 * importing it builds them, which a command or a server a host is waiting on should not pay
 * for before it needs them.
 */
export { ALL_OPERATIONS } from "./commands/operations.js";
export { operationContext } from "./commands/context.js";
export { absentValue, inputFlags, inputKey } from "./commands/input.js";
export { COMMANDS } from "./commands/table.js";
export { renderProgress } from "./job/status-line.js";
export { asCompanionError, errorDocument, printError } from "./cli/output.js";
export { parseCommandLine } from "./cli/args.js";
export { writeStderr, writeStdout } from "./cli/stdio.js";
export { commandHelp, flagHelp } from "./cli/help.js";
export { binFacts } from "./cli/start.js";
export { CompanionError, EXIT } from "./errors/companion-error.js";

/** The record schemas, built on first use. */
export const recordSchemas = () => import("./record/schema.js");
