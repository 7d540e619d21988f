export { generate, readRelease } from "./generate.js";
export { claudeCodeTool } from "./hosts/claude-code.js";
export { drift } from "./sync.js";
export { MARKETPLACE, pluginDir, TARGETS } from "./targets.js";
export type { TargetSource } from "./targets.js";
