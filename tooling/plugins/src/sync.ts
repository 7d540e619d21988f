/** Comparing the generated tree with the repository, and writing it. */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import type { FileSet } from "./files.js";
import { OWNED_DIRS } from "./generate.js";

export interface Drift {
  /** Files whose content differs or that do not exist yet. */
  readonly changed: readonly string[];
  /** Files in the generator's directories that it no longer writes. */
  readonly stale: readonly string[];
}

async function ownedFiles(root: string): Promise<string[]> {
  const lists = await Promise.all(
    OWNED_DIRS.filter((dir) => existsSync(join(root, dir))).map(async (dir) =>
      (await readdir(join(root, dir), { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => relative(root, join(entry.parentPath, entry.name))),
    ),
  );
  return lists.flat();
}

async function contentOf(path: string): Promise<string | null> {
  return existsSync(path) ? readFile(path, "utf8") : null;
}

export async function drift(root: string, files: FileSet): Promise<Drift> {
  const changed: string[] = [];
  for (const [path, content] of files) if ((await contentOf(join(root, path))) !== content) changed.push(path);
  const stale = (await ownedFiles(root)).filter((path) => !files.has(path));
  return { changed, stale };
}

export async function write(root: string, files: FileSet): Promise<Drift> {
  const found = await drift(root, files);
  for (const path of found.stale) await rm(join(root, path));
  for (const path of found.changed) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), files.get(path) ?? "");
  }
  return found;
}
