export { CLAUDE_BINARY, GEMINI_BINARY, binaryEnvVar, binaryFor } from "./binaries.js";
export type { Target } from "./binaries.js";
export { createSandbox } from "./sandbox.js";
export type { CliSandbox } from "./sandbox.js";
