import { defineConfig } from "vitest/config";

// Black-box tests spawn real processes; give them room and run files one at a time
// so timing-sensitive cancel tests do not compete for the 2 cores.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
