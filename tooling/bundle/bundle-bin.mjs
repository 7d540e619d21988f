#!/usr/bin/env node
// Bundles an app's src/main.ts into dist/main.js plus lazily loaded chunks. One file per
// command path instead of hundreds of node_modules files is what keeps `status` and
// `result` near bare `node` startup (SPEC §10); commands load through dynamic imports,
// so each lands in its own chunk and pays only for what it uses.
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts"],
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  sourcemap: true,
  logLevel: "warning",
  // CommonJS dependencies (proper-lockfile, write-file-atomic) use require(), __filename
  // and __dirname, which ES modules do not have.
  banner: {
    js: [
      'import { createRequire as __companionRequire } from "node:module";',
      'import { fileURLToPath as __companionPath } from "node:url";',
      "const require = __companionRequire(import.meta.url);",
      "const __filename = __companionPath(import.meta.url);",
      'const __dirname = __companionPath(new URL(".", import.meta.url));',
    ].join(" "),
  },
});
