#!/usr/bin/env node
// Bundles an app into CommonJS files run by its CommonJS bin:
// - dist/route.cjs from core's cli/route: the command table, which says which bundle serves
//   a command line;
// - dist/main.cjs from src/main.ts: every command;
// - dist/read.cjs from src/read.ts: only the read-only commands host agents poll, a third of
//   the size, so they start close to bare `node` (SPEC §10);
// - dist/execa.cjs: execa alone, loaded by the read-only bundle on first use.
// The bundles are all an installed package holds: it declares no dependencies.
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

// execa is needed by the read-only commands only for the macOS identity check: it gets a
// bundle of its own, loaded on first use, rather than making every status pay for parsing
// it. The installed package has no dependencies, so it cannot come from node_modules.
const execaOnDemand = {
  name: "execa-on-demand",
  setup(build) {
    build.onResolve({ filter: /^execa$/ }, () => ({ path: "./execa.cjs", external: true }));
  },
};

await Promise.all([
  build({ ...common, entryPoints: [fromApp.resolve("@agent-companion/core/route")], outfile: "dist/route.cjs", sourcemap: false, banner: {} }),
  build({ ...common, entryPoints: ["src/main.ts"], outfile: "dist/main.cjs" }),
  build({ ...common, entryPoints: ["src/read.ts"], outfile: "dist/read.cjs", plugins: [execaOnDemand] }),
  build({ ...common, stdin: { contents: 'export * from "execa";', resolveDir: process.cwd() }, outfile: "dist/execa.cjs" }),
]);
