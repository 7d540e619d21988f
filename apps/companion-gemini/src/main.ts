import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runCli } from "@agent-companion/core";
import { geminiTarget } from "@agent-companion/gemini/target";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

// No top-level await: the bundle is CommonJS (see tooling/bundle).
void runCli(geminiTarget, process.argv.slice(2), {
  version,
  binPath: fileURLToPath(new URL("../bin/companion-gemini.cjs", import.meta.url)),
  // The output parsers are only needed by commands that start the target.
  loadAdapter: async () => (await import("@agent-companion/gemini")).geminiAdapter,
}).then((code) => {
  process.exitCode = code;
});
