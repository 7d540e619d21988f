import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runCli } from "@agent-companion/core";
import { geminiAdapter } from "@agent-companion/gemini";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

process.exitCode = await runCli(geminiAdapter, process.argv.slice(2), {
  version,
  binPath: fileURLToPath(new URL("../bin/companion-gemini.js", import.meta.url)),
});
