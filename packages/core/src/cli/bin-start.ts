import { join } from "node:path";
import { cachePathFor, runBundle } from "./compile-cache.js";
import { bundleFor, type Routes } from "./route.js";

/**
 * What a bin runs: the bundle that serves its command line (`routes`, from the command table),
 * compiled from V8's cache of it, which is written when the process exits if it was missing
 * or refused. `hashes` are the bundles' content hashes; the bundler fills in both.
 */
export function startBin(distDir: string, argv: readonly string[], hashes: Readonly<Record<string, string>>, routes: Routes): void {
  const bundle = bundleFor(argv, routes);
  const hash = hashes[bundle];
  const run = runBundle(join(distDir, `${bundle}.cjs`), hash === undefined ? null : cachePathFor(bundle, hash));
  if (run.cache !== "hit" && run.cache !== "off") process.once("exit", run.save);
}
