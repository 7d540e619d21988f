import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runCli } from "@agent-companion/core";
import { claudeTarget } from "@agent-companion/claude/target";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

// No top-level await: the bundle is CommonJS (see tooling/bundle).
void runCli(claudeTarget, process.argv.slice(2), {
  version,
  binPath: fileURLToPath(new URL("../bin/companion-claude.cjs", import.meta.url)),
  // The output parsers are only needed by commands that start the target.
  loadAdapter: async () => (await import("@agent-companion/claude")).claudeAdapter,
}).then((code) => {
  process.exitCode = code;
});
