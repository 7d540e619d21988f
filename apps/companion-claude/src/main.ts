import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runCli } from "@agent-companion/core";
import { claudeAdapter } from "@agent-companion/claude";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

process.exitCode = await runCli(claudeAdapter, process.argv.slice(2), {
  version,
  binPath: fileURLToPath(new URL("../bin/companion-claude.js", import.meta.url)),
});
