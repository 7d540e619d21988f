export * from "./record/schema.js";
export * from "./profiles/profiles.js";
export type * from "./adapter/adapter.js";
export { runCli, type CliEnvironment } from "./cli/main.js";
export * from "./target-output/index.js";
export { selectScope } from "./scope/select.js";
export type { Selection, ScopeRequest } from "./scope/selection.js";
export { createSnapshot, type Snapshot } from "./snapshot/snapshot.js";
