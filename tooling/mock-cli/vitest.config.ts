import { defineConfig } from "vitest/config";

// Every test spawns the mock bins (a Node start-up each); on one loaded core a test takes
// seconds, so the 5 s default would fail correct code.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
