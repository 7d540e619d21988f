import { realpathSync } from "node:fs";
import { tryGit } from "./run.js";

/** git's own idea of the work tree containing `cwd` (realpath'd), or null outside one. */
export async function gitTopLevel(cwd: string): Promise<string | null> {
  const out = await tryGit(cwd, ["rev-parse", "--show-toplevel"]);
  const top = out?.replace(/\n$/, "");
  return top ? realpathSync(top) : null;
}

/** Workspace root as records store it: the git top level, else the directory itself. */
export async function resolveWorkspaceRoot(cwd: string): Promise<string> {
  return (await gitTopLevel(cwd)) ?? realpathSync(cwd);
}
