export { claudeAdapter } from "./adapter.js";
