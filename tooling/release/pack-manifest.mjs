#!/usr/bin/env node
// npm runs this around `npm pack` / `npm publish` of an app (prepack: strip, postpack:
// restore). The bins are self-contained bundles, so what users install declares no
// dependencies at all, and the workspace-only build wiring (devDependencies with
// `workspace:` specifiers, scripts) stays out of the published package.json.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

const MANIFEST = "package.json";
const BACKUP = ".package.json.dev";
const PUBLISHED_KEYS = [
  "name", "version", "description", "keywords", "license", "author", "repository", "homepage",
  "bugs", "type", "bin", "files", "engines", "publishConfig",
];

function fail(message) {
  console.error(`pack-manifest: ${message}`);
  process.exit(1);
}

function strip() {
  // A backup left by an interrupted pack is the real manifest: start from it.
  if (existsSync(BACKUP)) renameSync(BACKUP, MANIFEST);
  const manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));
  if (manifest.dependencies && Object.keys(manifest.dependencies).length > 0) {
    fail(`runtime dependencies would be installed by users; bundle them instead: ${Object.keys(manifest.dependencies).join(", ")}`);
  }
  if (!existsSync("dist/main.cjs")) fail("dist/main.cjs is missing: run `pnpm build` first");
  const published = Object.fromEntries(PUBLISHED_KEYS.filter((key) => key in manifest).map((key) => [key, manifest[key]]));
  copyFileSync(MANIFEST, BACKUP);
  writeFileSync(MANIFEST, `${JSON.stringify(published, null, 2)}\n`);
}

function restore() {
  if (existsSync(BACKUP)) renameSync(BACKUP, MANIFEST);
}

const action = process.argv[2];
if (action === "strip") strip();
else if (action === "restore") restore();
else fail("usage: pack-manifest.mjs strip|restore");
