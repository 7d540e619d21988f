export { CLAUDE_BINARY, CODEX_BINARY, GEMINI_BINARY, binaryEnvVar, binaryFor } from "./binaries.js";
export type { Target } from "./binaries.js";
export { createSandbox } from "./sandbox.js";
export type { CliSandbox } from "./sandbox.js";
export { CODEX_KEY_VAR, createHostSandbox } from "./hosts.js";
export type { Host, HostOptions, HostSandbox } from "./hosts.js";
