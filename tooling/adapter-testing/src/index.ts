// Test helpers shared by the adapter packages' unit tests.
export { fixtureReader } from "./fixtures.js";
export { PROMPT, requestFor } from "./requests.js";
export { exitWith, runParser } from "./run-parser.js";
