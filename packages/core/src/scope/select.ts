import { lstat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { GitError } from "../git/run.js";
import { defaultBaseRef, mergeBase, resolveCommit } from "../git/refs.js";
import { checkPathGlob, compileGlob } from "./glob.js";
import { readGitStatus } from "../mutations/capture.js";
import type { ParsedStatus } from "../mutations/porcelain.js";
import { gitIdentity, indexChanges, statusChanges, treeChanges } from "./changes.js";
import { filesFromEntries, indexEntries, treeEntries } from "./git-objects.js";
import { ScopeError } from "./scope-error.js";
import { withholdByName } from "./withhold.js";
import { type Change, type GitIdentity, makeSelection, type ScopeRequest, type Selection, type SelectedFile, type Withheld } from "./selection.js";
import { findWorkspace, type Workspace } from "../workspace/root.js";
import { gitWorktreePaths, inspectPaths, walkPaths } from "./worktree.js";

interface Picked {
  readonly files: SelectedFile[];
  readonly notes: string[];
  /** Files left out for a reason other than their content (a file name that is not UTF-8). */
  readonly skipped: Withheld[];
  readonly base?: string;
  readonly mergeBase?: string;
  readonly changes?: Change[];
  readonly git?: GitIdentity;
  readonly status?: ParsedStatus;
}

/** A selection and the `git status` reading it was made from (working-tree scope in git), else null. */
export interface ReadSelection {
  readonly selection: Selection;
  readonly gitStatus: ParsedStatus | null;
}

/**
 * Decides exactly which files a review may read, and where each one's bytes come from.
 * Fails with a ScopeError, before anything is copied or sent, when that cannot be done
 * safely or the selection would be meaningless.
 */
export async function selectScope(request: ScopeRequest): Promise<Selection> {
  return (await selectScopeReading(request)).selection;
}

/**
 * selectScope, plus the status it read: a review takes it as its mutation baseline instead
 * of running the same pass over the user's tree twice.
 */
export async function selectScopeReading(request: ScopeRequest): Promise<ReadSelection> {
  try {
    const { workspace, confirmed } = await findWorkspace(request.cwd);
    // git's word on the work tree is awaited before anything picked is used; a disagreement
    // is the error to report, whatever reading the tree ran into meanwhile.
    const [confirmation, picking] = await Promise.allSettled([confirmed, pick(workspace, request)]);
    if (confirmation.status === "rejected") throw confirmation.reason;
    if (picking.status === "rejected") throw picking.reason;
    const picked = picking.value;
    const screened = withholdByName(picked.files, includedPaths(workspace, request.includeSecrets ?? []));
    const selection = makeSelection(
      {
        root: workspace.root,
        scope: request.scope,
        base: picked.base ?? null,
        mergeBase: picked.mergeBase ?? null,
        notes: picked.notes,
        withheld: [...picked.skipped, ...screened.withheld],
        included: screened.included,
        changes: picked.changes ?? null,
        git: picked.git ?? null,
      },
      screened.files,
    );
    return { selection, gitStatus: picked.status ?? null };
  } catch (error) {
    throw asScopeError(error);
  }
}

function pick(workspace: Workspace, request: ScopeRequest): Promise<Picked> {
  switch (request.scope) {
    case "working-tree":
      return pickWorkingTree(workspace);
    case "custom":
      return pickCustom(workspace, request.paths);
    case "staged":
      return pickStaged(requireGit(workspace, "staged"));
    case "head":
      return pickHead(requireGit(workspace, "head"));
    case "branch-diff":
      return pickBranchDiff(requireGit(workspace, "branch-diff"), request.base);
  }
}

function requireGit(workspace: Workspace, scope: string): string {
  if (!workspace.git) {
    throw new ScopeError(`scope ${scope} needs a git repository, and ${workspace.root} is not in one`, "Use --scope working-tree or --scope custom, or run inside a git repository.");
  }
  return workspace.root;
}

const universe = (workspace: Workspace): Promise<string[]> => (workspace.git ? gitWorktreePaths(workspace.root) : walkPaths(workspace.root));

/** --include-secret paths, relative to the request's cwd, as root-relative POSIX paths. */
function includedPaths(workspace: Workspace, paths: readonly string[]): string[] {
  return paths.map((path) => {
    const rel = relative(workspace.root, join(workspace.cwd, path)).split(sep).join("/");
    if (rel === "" || rel.startsWith("../") || rel === "..") {
      throw new ScopeError(`--include-secret ${path} is outside the reviewed tree ${workspace.root}`, "Name a file inside the reviewed directory, relative to --cwd.");
    }
    return rel;
  });
}

async function pickWorkingTree(workspace: Workspace): Promise<Picked> {
  if (!workspace.git) return inspectPaths(workspace.root, await universe(workspace));
  const [paths, status] = await Promise.all([universe(workspace), readGitStatus(workspace.root)]);
  const picked = await inspectPaths(workspace.root, paths);
  return { ...picked, changes: statusChanges(status), git: { head: status.head, branch: status.branch }, status };
}

async function pickCustom(workspace: Workspace, patterns: readonly string[]): Promise<Picked> {
  if (patterns.length === 0) throw new ScopeError("custom scope needs at least one --paths glob", "Pass --paths GLOB[,GLOB…].");
  for (const pattern of patterns) {
    const check = checkPathGlob(pattern);
    if (!check.ok) throw new ScopeError(check.reason, "Use globs relative to the working directory, without '..' or '.git'.");
  }
  const prefix = relative(workspace.root, workspace.cwd).split(sep).join("/");
  const globs = patterns.map((pattern) => compileGlob(pattern, prefix));
  const listed = await universe(workspace);
  const chosen = new Set(listed.filter((path) => globs.some((glob) => glob.matches(path))));
  for (const literal of await namedFiles(workspace.root, globs.flatMap((glob) => glob.literalPaths))) chosen.add(literal);
  const { files, notes, skipped } = await inspectPaths(workspace.root, [...chosen]);
  if (files.length === 0) {
    throw new ScopeError(`no files match --paths ${patterns.join(",")} in ${workspace.cwd}`, "Check the globs; they are relative to the working directory (--cwd).");
  }
  const unmatched = globs.filter((glob) => !files.some((file) => glob.matches(file.path)));
  const git = workspace.git ? await gitIdentity(workspace.root) : undefined;
  return { files, skipped, notes: [...notes, ...unmatched.map((glob) => `--paths ${glob.pattern} matched no files`)], ...(git ? { git } : {}) };
}

/** Literal paths naming a file or link on disk: eligible even when git ignores them. */
async function namedFiles(root: string, literals: readonly string[]): Promise<string[]> {
  const kinds = await Promise.all(literals.map((path) => lstat(join(root, path)).catch(() => null)));
  return literals.filter((_, i) => kinds[i]?.isFile() === true || kinds[i]?.isSymbolicLink() === true);
}

async function pickStaged(root: string): Promise<Picked> {
  const [entries, git] = await Promise.all([indexEntries(root), gitIdentity(root)]);
  const picked = await filesFromEntries(root, entries, null);
  const changes = git.head === null ? picked.files.map((file): Change => ({ path: file.path, status: "added", untracked: false, oldOid: null })) : await indexChanges(root, git.head);
  return { ...picked, changes, git };
}

async function pickHead(root: string): Promise<Picked> {
  const [head, git] = await Promise.all([requireHead(root), gitIdentity(root)]);
  return { ...(await filesFromEntries(root, await treeEntries(root, head), null)), git };
}

async function pickBranchDiff(root: string, requestedBase: string | null): Promise<Picked> {
  const head = await requireHead(root);
  const base = requestedBase ?? (await defaultBaseRef(root));
  if (base === null) {
    throw new ScopeError("no base branch to compare with: no origin/HEAD, main or master", "Pass --base REF naming the branch this work started from.");
  }
  const baseCommit = await resolveCommit(root, base);
  if (baseCommit === null) throw new ScopeError(`base ${JSON.stringify(base)} does not name a commit`, "Pass --base with an existing branch, tag or commit.");
  const forkPoint = await mergeBase(root, baseCommit, head);
  if (forkPoint === null) throw new ScopeError(`${base} and HEAD have no common ancestor`, "Pass --base with a branch that shares history with HEAD.");
  const [changes, git] = await Promise.all([treeChanges(root, forkPoint, head), gitIdentity(root)]);
  const present = new Set(changes.filter((change) => change.status !== "deleted").map((change) => change.path));
  const picked = await filesFromEntries(root, await treeEntries(root, head), present);
  if (picked.files.length === 0) {
    throw new ScopeError(`no files changed between ${base} (merge-base ${forkPoint.slice(0, 12)}) and HEAD`, "Commit the changes to review, pass another --base, or use --mode review for uncommitted work.");
  }
  return { ...picked, base, mergeBase: forkPoint, changes, git };
}

async function requireHead(root: string): Promise<string> {
  const head = await resolveCommit(root, "HEAD");
  if (head === null) throw new ScopeError("the repository has no commits yet", "Commit something first, or review the working tree.");
  return head;
}

function asScopeError(error: unknown): ScopeError {
  if (error instanceof ScopeError) return error;
  if (error instanceof GitError) return new ScopeError(error.message, "Check that git works in this directory (`git status`).", { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new ScopeError(`cannot select review files: ${message}`, "Check that the files are readable, then retry.", { cause: error });
}
