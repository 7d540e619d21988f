#!/usr/bin/env node
// Bundles an app into CommonJS files run by its CommonJS bin:
// - dist/route.cjs from core's cli/route: the command table, which says which bundle serves
//   a command line;
// - dist/main.cjs from src/main.ts: every command;
// - dist/read.cjs from src/read.ts: only the read-only commands host agents poll, a third of
//   the size, so they start close to bare `node` (SPEC §10);
// - dist/launch.cjs from src/launch.ts: only background launches (`run|continue --background`),
//   without the job pipeline, execa or the target's parsers;
// - dist/mcp.cjs from src/mcp.ts: the MCP server, the only bundle holding the protocol SDK;
// - dist/execa.cjs: execa alone, loaded by the read-only, launch and MCP bundles on first use;
// - dist/ajv.cjs: the SDK's JSON Schema validator (ajv), loaded by the MCP bundle on first use.
// The bundles are all an installed package holds: it declares no dependencies.
// One file instead of hundreds of node_modules files, loaded by Node's synchronous CommonJS
// loader, is what keeps startup low. Commands are reached through dynamic imports, which
// esbuild turns into lazily evaluated modules, so each command pays only for what it uses.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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

// execa is needed by the read-only and launch commands only for the macOS identity check: it
// gets a bundle of its own, loaded on first use, rather than making every status pay for
// parsing it. The installed package has no dependencies, so it cannot come from node_modules.
const execaOnDemand = {
  name: "execa-on-demand",
  setup(build) {
    build.onResolve({ filter: /^execa$/ }, () => ({ path: "./execa.cjs", external: true }));
  },
};

/**
 * The launch bundle never runs a job itself (the route sends only `--background` there), so
 * the foreground path, and through it the whole job pipeline, is left out of it.
 */
const withoutForeground = {
  name: "without-foreground",
  setup(bundle) {
    bundle.onResolve({ filter: /^\.\/foreground\.js$/ }, (args) => (/[\\/]commands$/.test(args.resolveDir) ? { path: args.path, namespace: "launch-only" } : undefined));
    bundle.onLoad({ filter: /.*/, namespace: "launch-only" }, () => ({
      contents: 'export const runForeground = () => { throw new Error("a foreground run reached the launch bundle; the route sends only --background here"); };',
      loader: "js",
    }));
  },
};

/**
 * The SDK's Server builds an ajv validator eagerly, but only uses it to check elicitation
 * answers, which this server never asks for. Its import is replaced by a validator that loads
 * dist/ajv.cjs on first use, so ajv's bytes and set-up leave the server's start.
 */
const ajvOnDemand = {
  name: "ajv-on-demand",
  setup(bundle) {
    bundle.onResolve({ filter: /[\\/]validation[\\/]ajv-provider\.js$/ }, (args) => (/@modelcontextprotocol[\\/]sdk[\\/]/.test(args.importer) ? { path: args.path, namespace: "ajv-on-demand" } : undefined));
    bundle.onResolve({ filter: /^\.\/ajv\.cjs$/ }, () => ({ path: "./ajv.cjs", external: true }));
    bundle.onLoad({ filter: /.*/, namespace: "ajv-on-demand" }, () => ({
      contents: `export class AjvJsonSchemaValidator {
        getValidator(schema) {
          this.loaded ??= new (require("./ajv.cjs").AjvJsonSchemaValidator)();
          return this.loaded.getValidator(schema);
        }
      }`,
      loader: "js",
    }));
  },
};

// The MCP bundle is the largest by far and starts on every host session: it is minified, so
// that there is half as much to read and parse (`node --enable-source-maps` maps stack traces
// back through its source map).
const mcpBundle = { minify: true, plugins: [execaOnDemand, ajvOnDemand] };
const fromMcp = dirname(fromApp.resolve("@agent-companion/mcp"));

await Promise.all([
  build({ ...common, entryPoints: [fromApp.resolve("@agent-companion/core/route")], outfile: "dist/route.cjs", sourcemap: false, banner: {} }),
  build({ ...common, entryPoints: ["src/main.ts"], outfile: "dist/main.cjs" }),
  build({ ...common, entryPoints: ["src/read.ts"], outfile: "dist/read.cjs", plugins: [execaOnDemand] }),
  build({ ...common, entryPoints: ["src/launch.ts"], outfile: "dist/launch.cjs", plugins: [execaOnDemand, withoutForeground] }),
  build({ ...common, stdin: { contents: 'export * from "execa";', resolveDir: process.cwd() }, outfile: "dist/execa.cjs" }),
  build({ ...common, ...mcpBundle, entryPoints: ["src/mcp.ts"], outfile: "dist/mcp.cjs" }),
  build({ ...common, stdin: { contents: 'export * from "@modelcontextprotocol/sdk/validation/ajv";', resolveDir: fromMcp }, outfile: "dist/ajv.cjs" }),
]);
