import type { OperationCommand, OperationLoaders } from "./operation.js";

/** The operation of every command of the table (a missing one is a type error). */
export const ALL_OPERATIONS: OperationLoaders<OperationCommand> = {
  run: async () => (await import("./run.js")).runOperation,
  continue: async () => (await import("./run.js")).continueOperation,
  status: async () => (await import("./status.js")).statusOperation,
  result: async () => (await import("./result.js")).resultOperation,
  wait: async () => (await import("./wait.js")).waitOperation,
  cancel: async () => (await import("./cancel.js")).cancelOperation,
  preflight: async () => (await import("./preflight.js")).preflightOperation,
  doctor: async () => (await import("./doctor.js")).doctorOperation,
  prune: async () => (await import("./prune.js")).pruneOperation,
  apply: async () => (await import("./apply.js")).applyOperation,
  __worker: async () => (await import("./worker.js")).workerOperation,
};
