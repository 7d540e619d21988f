import "./zod-config.js";
export { startMcp } from "./start.js";
