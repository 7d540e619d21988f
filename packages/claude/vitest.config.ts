import { defineConfig } from "vitest/config";

// CI runs the whole suite on one loaded core: tests that start real processes (git, node)
// can take seconds there. A test counts as hung only well past that.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
