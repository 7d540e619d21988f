export { claudeAdapter } from "./adapter.js";
export { claudeTarget } from "./target.js";
