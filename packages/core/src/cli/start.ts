import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TargetAdapter, TargetFacts } from "../adapter/adapter.js";
import type { OperationTable } from "../commands/operation.js";
import { runCli } from "./main.js";

/** What a bin package supplies: its target and where its bundle sits. */
export interface BinWiring {
  target: TargetFacts;
  /** Imports the full adapter; only commands that start the target call it. */
  loadAdapter(): Promise<TargetAdapter>;
  /** `import.meta.url` of the bundle (in `dist/`, beside `../package.json` and `../bin/`). */
  bundleUrl: string;
}

/** The bin's version and script path, read beside its bundle. */
export function binFacts(wiring: BinWiring): { version: string; binPath: string } {
  const { version } = JSON.parse(readFileSync(new URL("../package.json", wiring.bundleUrl), "utf8")) as { version: string };
  return { version, binPath: fileURLToPath(new URL(`../bin/companion-${wiring.target.name}.cjs`, wiring.bundleUrl)) };
}

/** Runs the CLI of a bin package over `process.argv` and sets the exit code. */
export function startCli(wiring: BinWiring, operations: OperationTable): void {
  // No top-level await: the bins' bundles are CommonJS (see tooling/bundle).
  void runCli(wiring.target, process.argv.slice(2), { ...binFacts(wiring), loadAdapter: wiring.loadAdapter, operations }).then((code) => {
    process.exitCode = code;
  });
}
