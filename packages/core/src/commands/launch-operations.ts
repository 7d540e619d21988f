import type { OperationLoaders } from "./operation.js";

/**
 * The operations of the `launch` bundle: `run` and `continue` with `--background` (the route
 * sends only those there), which hold just what a launch does and return close to bare
 * `node` (SPEC §10). A module of its own so that bundle never references the other operations.
 */
export const LAUNCH_OPERATIONS: OperationLoaders<"run" | "continue"> = {
  run: async () => (await import("./run.js")).runOperation,
  continue: async () => (await import("./run.js")).continueOperation,
};
