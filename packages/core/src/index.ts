export * from "./record/schema.js";
export * from "./profiles/profiles.js";
export type * from "./adapter/adapter.js";
export { runCli, type CliEnvironment } from "./cli/main.js";
export { ALL_COMMANDS, type CommandTable } from "./cli/command-table.js";
export { type BinWiring, startCli } from "./cli/start.js";
export * from "./target-output/index.js";
export { summarize, type JobSummary } from "./record/summary.js";
