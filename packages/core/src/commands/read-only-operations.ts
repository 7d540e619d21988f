import type { OperationLoaders } from "./operation.js";
import type { CommandsOf } from "./table.js";

/**
 * The operations of the table's `read` bundle (the commands host agents poll), which starts
 * close to bare `node` (SPEC §10). A module of its own so that bundle never references the
 * other operations; its type makes it list exactly the table's read-only commands.
 */
export const READ_ONLY_OPERATIONS: OperationLoaders<CommandsOf<"read">> = {
  status: async () => (await import("./status.js")).statusOperation,
  result: async () => (await import("./result.js")).resultOperation,
};
