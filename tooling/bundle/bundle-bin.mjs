#!/usr/bin/env node
// Bundles an app into CommonJS files run by its CommonJS bin:
// - dist/route.cjs from core's cli/route: the command table, which says which bundle serves
//   a command line;
// - dist/main.cjs from src/main.ts: every command;
// - dist/read.cjs from src/read.ts: only the read-only commands host agents poll, a third of
//   the size, so they start close to bare `node` (SPEC §10).
// One file instead of hundreds of node_modules files, loaded by Node's synchronous CommonJS
// loader, is what keeps startup low. Commands are reached through dynamic imports, which
// esbuild turns into lazily evaluated modules, so each command pays only for what it uses.
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";

const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  // The sources are ES modules; CommonJS output has no import.meta, so it is derived here.
  define: { "import.meta.url": "__importMetaUrl" },
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

const fromApp = createRequire(join(process.cwd(), "package.json"));

await Promise.all([
  build({ ...common, entryPoints: [fromApp.resolve("@agent-companion/core/route")], outfile: "dist/route.cjs", sourcemap: false, banner: {} }),
  build({ ...common, entryPoints: ["src/main.ts"], outfile: "dist/main.cjs" }),
  // execa is needed there only by the macOS identity check, which loads it from the app's
  // dependencies on first use rather than making every status pay for parsing it.
  build({ ...common, entryPoints: ["src/read.ts"], outfile: "dist/read.cjs", external: ["execa"] }),
]);
