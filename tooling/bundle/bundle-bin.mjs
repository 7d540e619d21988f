#!/usr/bin/env node
// Bundles an app's src/main.ts into one CommonJS file, dist/main.cjs, run by a CommonJS bin.
// One file instead of hundreds of node_modules files, loaded by Node's synchronous CommonJS
// loader, is what keeps `status` and `result` near bare `node` startup (SPEC §10). Commands
// are reached through dynamic imports, which esbuild turns into lazily evaluated modules, so
// each command still pays only for what it uses.
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/main.cjs",
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  // The sources are ES modules; CommonJS output has no import.meta, so it is derived here.
  define: { "import.meta.url": "__importMetaUrl" },
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
});
