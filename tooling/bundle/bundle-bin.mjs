#!/usr/bin/env node
// Bundles an app into CommonJS files run by its CommonJS bin:
// - dist/start.cjs from core's cli/bin-start: which bundle serves a command line (from the
//   command table) and the code cache it is run from (built last, see the end);
// - dist/main.cjs from src/main.ts: every command;
// - dist/read.cjs from src/read.ts: only the read-only commands host agents poll, a quarter of
//   main's size, so they start close to bare `node` (SPEC §10);
// - dist/launch.cjs from src/launch.ts: only background launches (`run|continue --background`),
//   without the job pipeline, execa or the target's parsers;
// - dist/mcp.cjs from src/mcp.ts: the MCP server, the only bundle holding the protocol SDK;
// - dist/execa.cjs, schemas.cjs: what every other bundle loads only on first use (see
//   onDemand);
// - dist/ajv.cjs: the SDK's JSON Schema validator, loaded by the MCP bundle on first use.
// The bundles are all an installed package holds: it declares no dependencies.
// One file instead of hundreds of node_modules files, loaded by Node's synchronous CommonJS
// loader, is what keeps startup low. Commands are reached through dynamic imports, which
// esbuild turns into lazily evaluated modules, so each command pays only for what it uses.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { lazySdkSchemas } from "./lazy-sdk-schemas.mjs";

const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  // The sources are ES modules; CommonJS output has no import.meta, but has its filename.
  define: { "import.meta.filename": "__filename" },
};

const fromApp = createRequire(join(process.cwd(), "package.json"));

// What commands need only sometimes gets a bundle of its own, loaded on first use, rather than
// making every status, launch and review pay for reading and compiling it: execa (the macOS
// identity check) and the record schemas (a record the exact-shape checks refuse). Taken out
// of main, they took a foreground review's bundle from 750 to 416 KB and ~5 ms off its start.
// The installed package has no dependencies, so none of it can come from node_modules.
const coreDist = join(dirname(fromApp.resolve("@agent-companion/core/bin-start")), "..");
const LIBRARIES_ON_DEMAND = ["execa"];
const SCHEMAS = join(coreDist, "record", "schema.js");
// A CommonJS require of the bundle beside this one, not `import()`, which would start Node's
// ES module loader and read a CommonJS bundle's default export as the whole exports object.
const requireBeside = (file) => ({ path: file, namespace: "on-demand" });
const onDemand = {
  name: "on-demand",
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${LIBRARIES_ON_DEMAND.join("|")})$`) }, (args) => requireBeside(`./${args.path}.cjs`));
    build.onResolve({ filter: /(^|\/)schema\.js$/ }, (args) =>
      args.kind === "dynamic-import" && join(args.resolveDir, args.path) === SCHEMAS ? requireBeside("./schemas.cjs") : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "on-demand" }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: "js" }));
    build.onResolve({ filter: /^\.\/[\w-]+\.cjs$/, namespace: "on-demand" }, (args) => ({ path: args.path, external: true }));
  },
};
const onDemandBundles = [
  // The library's own exports, as its importers see them in the bundle beside (a CommonJS
  // library's default export is its module.exports).
  ...LIBRARIES_ON_DEMAND.map((name) => ({ contents: `module.exports = require("${name}");`, outfile: `dist/${name}.cjs` })),
  { contents: `export * from ${JSON.stringify(SCHEMAS)};`, outfile: "dist/schemas.cjs" },
];

/**
 * Neither the read-only nor the launch bundle starts the target (the route sends `run` in the
 * foreground and the background worker to main), so the target's output parsers are left out
 * of both; the launch bundle never runs a job itself, so the foreground path, and through it
 * the whole job pipeline, is left out of it too. Reaching either is a routing bug, said so.
 */
const leftOut = (name, filter, fits, what) => ({
  name,
  setup(bundle) {
    bundle.onResolve({ filter }, (args) => (fits(args) ? { path: args.path, namespace: name } : undefined));
    bundle.onLoad({ filter: /.*/, namespace: name }, () => ({
      contents: `throw new Error(${JSON.stringify(`${what} reached a bundle without it; the route sends the commands that need it to main`)});`,
      loader: "js",
    }));
  },
});
const withoutAdapter = leftOut("without-adapter", /^@agent-companion\/(claude|gemini)$/, (args) => args.kind === "dynamic-import", "the target's adapter");
const withoutForeground = leftOut("without-foreground", /^\.\/foreground\.js$/, (args) => /[\\/]commands$/.test(args.resolveDir), "a foreground run");

/**
 * The SDK's Server builds an ajv validator eagerly, but only uses it to check elicitation
 * answers, which this server never asks for. Its import is replaced by a validator that loads
 * dist/ajv.cjs on first use, so ajv's bytes and set-up leave the server's start.
 */
const ajvOnDemand = {
  name: "ajv-on-demand",
  setup(bundle) {
    bundle.onResolve({ filter: /[\\/]validation[\\/]ajv-provider\.js$/ }, (args) => (/@modelcontextprotocol[\\/]sdk[\\/]/.test(args.importer) ? { path: args.path, namespace: "ajv-on-demand" } : undefined));
    bundle.onLoad({ filter: /.*/, namespace: "ajv-on-demand" }, () => ({
      contents: `export class AjvJsonSchemaValidator {
        getValidator(schema) {
          this.loaded ??= new (require("./ajv.cjs").AjvJsonSchemaValidator)();
          return this.loaded.getValidator(schema);
        }
      }`,
      loader: "js",
    }));
    bundle.onResolve({ filter: /^\.\/ajv\.cjs$/, namespace: "ajv-on-demand" }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * The bundles the bin runs, each from src/<name>.ts, with what its build adds. The MCP bundle
 * is the largest by far and starts on every host session: it is minified, so that there is
 * half as much to read and parse (`node --enable-source-maps` maps stack traces back through
 * its source map), and the SDK's schemas are built on first use.
 */
const ENTRY_BUNDLES = {
  main: { plugins: [onDemand] },
  read: { plugins: [onDemand, withoutAdapter] },
  launch: { plugins: [onDemand, withoutAdapter, withoutForeground] },
  mcp: { minify: true, plugins: [onDemand, ajvOnDemand, lazySdkSchemas] },
};
// They are run through start.cjs, never `require`d, and written wrapped in CommonJS's module
// function, so that starting one compiles the file as read (see core's cli/compile-cache.ts).
const { BUNDLE_HEAD, BUNDLE_TAIL } = await import(pathToFileURL(join(coreDist, "cli", "compile-cache.js")).href);
const fromMcp = dirname(fromApp.resolve("@agent-companion/mcp"));

await Promise.all([
  ...Object.entries(ENTRY_BUNDLES).map(([name, options]) =>
    build({ ...common, banner: { js: BUNDLE_HEAD }, footer: { js: BUNDLE_TAIL }, ...options, entryPoints: [`src/${name}.ts`], outfile: `dist/${name}.cjs` }),
  ),
  ...onDemandBundles.map(({ contents, outfile }) => build({ ...common, stdin: { contents, resolveDir: coreDist }, outfile })),
  build({ ...common, stdin: { contents: 'export * from "@modelcontextprotocol/sdk/validation/ajv";', resolveDir: fromMcp }, outfile: "dist/ajv.cjs" }),
]);

// Last, as it names the others by content: dist/start.cjs, the bin's only import, holds each
// command's bundle (the command table's column, not the table) and runs the bundle that serves
// the command line from V8's code cache, kept per bundle content (see core's cli/compile-cache.ts).
const hashes = Object.fromEntries(
  await Promise.all(Object.keys(ENTRY_BUNDLES).map(async (name) => [name, createHash("sha256").update(await readFile(`dist/${name}.cjs`)).digest("hex").slice(0, 16)])),
);
const { COMMANDS } = await import(pathToFileURL(join(coreDist, "commands", "table.js")).href);
const { routesOf } = await import(pathToFileURL(join(coreDist, "cli", "route.js")).href);
await build({
  ...common,
  stdin: {
    contents: `import { startBin } from "@agent-companion/core/bin-start";\nexport const start = (distDir, argv) => startBin(distDir, argv, ${JSON.stringify(hashes)}, ${JSON.stringify(routesOf(COMMANDS))});\n`,
    resolveDir: process.cwd(),
  },
  outfile: "dist/start.cjs",
  sourcemap: false,
  // Compiled from source on every command (it is what loads the others from the code cache):
  // minified, a third smaller, it starts `status --job` about 1 ms sooner.
  minify: true,
});
