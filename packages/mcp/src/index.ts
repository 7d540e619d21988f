export { startMcp } from "./start.js";
