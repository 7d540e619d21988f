export { geminiAdapter } from "./adapter.js";
