import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type CommandTable, runCli } from "@agent-companion/core";
import { geminiTarget } from "@agent-companion/gemini/target";

/** Wires the gemini target into core's CLI with the given commands (see src/main.ts, src/read.ts). */
export function startCli(commands: CommandTable): void {
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  // No top-level await: the bundles are CommonJS (see tooling/bundle).
  void runCli(geminiTarget, process.argv.slice(2), {
    version,
    binPath: fileURLToPath(new URL("../bin/companion-gemini.cjs", import.meta.url)),
    // The output parsers are only needed by commands that start the target.
    loadAdapter: async () => (await import("@agent-companion/gemini")).geminiAdapter,
    commands,
  }).then((code) => {
    process.exitCode = code;
  });
}
