import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";

/** Test-only: temp directories and real git repositories built on the fly. */

const created: string[] = [];

export async function tempDir(prefix = "companion-test-"): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Git for building fixtures: isolated from the user's config and from process.env tampering. */
export async function git(cwd: string, args: readonly string[], input?: string): Promise<string> {
  const result = await execa("git", args, {
    cwd,
    extendEnv: false,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: "Test",
      GIT_AUTHOR_EMAIL: "test@example.com",
      GIT_COMMITTER_NAME: "Test",
      GIT_COMMITTER_EMAIL: "test@example.com",
    },
    input: input ?? "",
  });
  return result.stdout;
}

export async function initRepo(): Promise<string> {
  const dir = await tempDir("companion-repo-");
  await git(dir, ["init", "-q", "-b", "main"]);
  return dir;
}

export async function put(root: string, files: Readonly<Record<string, string | Buffer>>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

export async function link(root: string, path: string, target: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await symlink(target, join(root, path));
}

export async function commitAll(root: string, message = "commit"): Promise<string> {
  await git(root, ["add", "-A"]);
  await git(root, ["commit", "-q", "--no-verify", "-m", message]);
  return git(root, ["rev-parse", "HEAD"]);
}
