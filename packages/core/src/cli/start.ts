import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { TargetAdapter, TargetFacts } from "../adapter/adapter.js";
import type { OperationTable } from "../commands/operation.js";
import { runCli } from "./main.js";

/** What a bin package supplies: its target and where its bundle sits. */
export interface BinWiring {
  target: TargetFacts;
  /** Imports the full adapter; only commands that start the target call it. */
  loadAdapter(): Promise<TargetAdapter>;
  /**
   * `import.meta.filename` of the bundle (in `dist/`, beside `../package.json` and `../bin/`):
   * a path, as a file URL would cost every command building a URL object.
   */
  bundleFile: string;
}

/** The bin's version and script path, read beside its bundle. */
export function binFacts(wiring: BinWiring): { version: string; binPath: string } {
  const packageDir = join(dirname(wiring.bundleFile), "..");
  const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string };
  return { version, binPath: join(packageDir, "bin", `companion-${wiring.target.name}.cjs`) };
}

/** Runs the CLI of a bin package over `process.argv` and sets the exit code. */
export function startCli(wiring: BinWiring, operations: OperationTable): void {
  // No top-level await: the bins' bundles are CommonJS (see tooling/bundle).
  void runCli(wiring.target, process.argv.slice(2), { ...binFacts(wiring), loadAdapter: wiring.loadAdapter, operations }).then((code) => {
    process.exitCode = code;
  });
}
