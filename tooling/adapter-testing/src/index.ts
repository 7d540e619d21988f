// Test helpers and captured real-CLI fixtures shared by the adapter and mock-CLI tests.
export { FIXTURES_DIR, fixtureLines, fixtureText } from "./fixtures.js";
export { PROMPT, requestFor } from "./requests.js";
export { exitWith, runParser } from "./run-parser.js";
