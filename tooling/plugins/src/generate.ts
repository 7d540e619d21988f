/** Everything the generator writes, computed from the targets and the repository's release facts. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FileSet } from "./files.js";
import { claudeCodeFiles } from "./hosts/claude-code.js";
import { codexFiles } from "./hosts/codex.js";
import { geminiCliFiles } from "./hosts/gemini-cli.js";
import { packageDocs } from "./package-docs.js";
import { TARGETS, type Release } from "./targets.js";

/** The directories the generator owns entirely: a file in them that it does not write is stale. */
export const OWNED_DIRS = ["plugins", ".agents/plugins", ".claude-plugin"] as const;

interface Manifest {
  readonly version?: string;
  readonly license?: string;
  readonly author?: string;
  readonly repository?: { readonly url?: string };
}

const readManifest = async (path: string): Promise<Manifest> => JSON.parse(await readFile(path, "utf8")) as Manifest;

/** The release facts, from the apps' package.json files; they must agree (one version for the repo). */
export async function readRelease(root: string): Promise<Release> {
  const manifests = await Promise.all([join(root, "package.json"), ...TARGETS.map((t) => join(root, "apps", t.bin, "package.json"))].map(readManifest));
  const versions = new Set(manifests.map((m) => m.version));
  if (versions.size !== 1) throw new Error(`one version for the repository, found: ${[...versions].join(", ")}`);
  const app = manifests[1] ?? {};
  const url = app.repository?.url ?? "";
  return {
    version: String(manifests[0]?.version),
    license: app.license ?? "UNLICENSED",
    author: app.author ?? "",
    repository: url.replace(/^git\+/, "").replace(/\.git$/, ""),
  };
}

export async function generate(root: string): Promise<FileSet> {
  const release = await readRelease(root);
  const license = await readFile(join(root, "LICENSE"), "utf8");
  return new Map([
    ...codexFiles(TARGETS, release),
    ...claudeCodeFiles(TARGETS, release),
    ...geminiCliFiles(TARGETS, release),
    ...packageDocs(TARGETS, release, license),
  ]);
}
