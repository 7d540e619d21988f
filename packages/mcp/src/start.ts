import type { BinWiring } from "@agent-companion/core";
import { binFacts, commandHelp, EXIT, parseCommandLine, printError, writeStderr, writeStdout } from "@agent-companion/core/front-end";
import { serveMcp } from "./server.js";

/** `companion-<t> mcp [--state-dir DIR]`: the entry point of the bin's MCP bundle. */
export function startMcp(wiring: BinWiring): void {
  const human = process.argv.includes("--human");
  let parsed;
  try {
    parsed = parseCommandLine("mcp", process.argv.slice(3));
  } catch (error) {
    process.exitCode = printError(error, human);
    return;
  }
  if (parsed.globals.help) {
    writeStdout(commandHelp(wiring.target, "mcp"));
    return;
  }
  const { version, binPath } = binFacts(wiring);
  serveMcp({ wiring, version, binPath, stateDir: parsed.globals.stateDir }).then(
    () => {
      // Waits that were in flight hold timers; the host is gone, so nothing is left to answer.
      process.exit(EXIT.ok);
    },
    (error: unknown) => {
      writeStderr(`companion-${wiring.target.name} mcp: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(EXIT.failed);
    },
  );
}
