import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";

export const SECRET = "sk-live-SECRET-do-not-send-4242";

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const result = await execa("git", args, {
    cwd,
    env: { GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" },
  });
  return String(result.stdout);
}

export async function put(root: string, path: string, content: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}

/**
 * A repository with every kind of file a review must handle: committed, dirty, staged,
 * untracked, ignored (a secret), and deleted; plus a feature branch off main.
 */
export async function sampleRepo(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "companion-repo-"));
  await git(root, "init", "-q", "-b", "main");
  await put(root, "src/clean.ts", "export const clean = 1;\n");
  await put(root, "src/dirty.ts", "export const dirty = 'committed';\n");
  await put(root, "src/staged.ts", "export const staged = 'committed';\n");
  await put(root, "src/deleted.ts", "export const deleted = 1;\n");
  await put(root, ".gitignore", ".env\n*.key\n");
  await git(root, "add", "-A");
  await git(root, "commit", "-qm", "base");
  await git(root, "checkout", "-qb", "feature");
  await put(root, "src/feature.ts", "export const feature = 'on the branch';\n");
  await git(root, "add", "-A");
  await git(root, "commit", "-qm", "feature");
  await put(root, "src/dirty.ts", "export const dirty = 'LIVE EDIT';\n");
  await put(root, "src/staged.ts", "export const staged = 'STAGED EDIT';\n");
  await git(root, "add", "src/staged.ts");
  await put(root, "notes/untracked.md", "UNTRACKED NOTE\n");
  await put(root, ".env", `API_KEY=${SECRET}\n`);
  await put(root, "id.key", `${SECRET}\n`);
  await git(root, "rm", "-q", "src/deleted.ts");
  return root;
}
