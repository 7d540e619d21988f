/**
 * `pnpm --filter @agent-companion/plugins generate` rewrites the host plugins, the
 * marketplaces and the packages' README/LICENSE from their one source; `-- --check` only
 * reports what would change (exit 1).
 */
import { fileURLToPath } from "node:url";
import { generate } from "./generate.js";
import { drift, write } from "./sync.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const check = process.argv.includes("--check");
const files = await generate(root);
const found = check ? await drift(root, files) : await write(root, files);
for (const path of found.changed) console.log(`${check ? "would write" : "wrote"} ${path}`);
for (const path of found.stale) console.log(`${check ? "would remove" : "removed"} ${path}`);
if (check && found.changed.length + found.stale.length > 0) process.exitCode = 1;
