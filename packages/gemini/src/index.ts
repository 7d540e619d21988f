export { geminiAdapter } from "./adapter.js";
export { geminiTarget } from "./target.js";
