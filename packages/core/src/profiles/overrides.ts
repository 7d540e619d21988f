import { usageError } from "../errors/companion-error.js";
import type { Containment, Scope } from "../record/schema.js";
import { checkPathGlob } from "../scope/glob.js";
import type { ModeProfile } from "./profiles.js";

export interface ScopeOverrides {
  scope?: Scope;
  containment?: Containment;
  base?: string;
  paths: readonly string[];
  /** `--isolate`: a writing mode works in a private worktree (containment `worktree`). */
  isolate?: boolean;
  /** `--with-ignored` globs; recorded as the isolated run's `scope_paths`. */
  withIgnored?: readonly string[];
}

export interface ResolvedScope {
  scope: Scope;
  containment: Containment;
  base: string | null;
  paths: string[];
}

/**
 * Applies --scope/--containment/--base/--paths to a mode's profile. Combinations that
 * would break a guarantee are usage errors: a read-only review always runs on a snapshot
 * (so ignored files never reach the target), and a writing mode always works live.
 */
export function resolveScope(profile: ModeProfile, overrides: ScopeOverrides): ResolvedScope {
  const scope = overrides.scope ?? profile.scope;
  const containment = isolation(profile, overrides) ?? overrides.containment ?? profile.containment;
  const withIgnored = overrides.withIgnored ?? [];
  if (withIgnored.length > 0 && containment !== "worktree") {
    throw usageError("--with-ignored only applies with --isolate.", `companion run --mode ${profile.mode} --isolate --with-ignored node_modules -- "…"`);
  }
  for (const glob of withIgnored) {
    const check = checkPathGlob(glob);
    if (!check.ok) throw usageError(`--with-ignored: ${check.reason}`);
  }
  if (containment === "worktree") return { scope, containment, base: null, paths: [...withIgnored] };
  if (containment !== profile.containment) {
    throw usageError(
      profile.access === "read-only"
        ? `--containment none is not allowed for ${profile.mode}: reviews only see a snapshot of the selected files.`
        : `--containment snapshot is not allowed for ${profile.mode}: its changes must land in your tree.`,
    );
  }
  if (profile.access === "write" && scope !== profile.scope) {
    throw usageError(`--scope is not allowed for ${profile.mode}: it works on the live ${profile.scope}.`);
  }
  if (scope === "custom" && overrides.paths.length === 0) {
    throw usageError("The custom scope needs --paths GLOB[,GLOB…].", 'Example: --paths "src/**/*.ts,README.md"');
  }
  if (scope !== "custom" && overrides.paths.length > 0) {
    throw usageError(`--paths only applies to the custom scope (this run uses ${scope}).`);
  }
  if (scope !== "branch-diff" && overrides.base !== undefined) {
    throw usageError(`--base only applies to the branch-diff scope (this run uses ${scope}).`);
  }
  return { scope, containment, base: overrides.base ?? null, paths: [...overrides.paths] };
}

/**
 * `--isolate` (or `--containment worktree`) is for writing modes only: a review already
 * runs on a snapshot, and there is nothing of its work to bring back.
 */
function isolation(profile: ModeProfile, overrides: ScopeOverrides): "worktree" | null {
  const wanted = overrides.isolate === true || overrides.containment === "worktree";
  if (!wanted) return null;
  if (profile.access !== "write") throw usageError(`--isolate is only for rescue: ${profile.mode} never writes, and already runs on a snapshot.`);
  if (overrides.containment !== undefined && overrides.containment !== "worktree") {
    throw usageError(`--isolate contradicts --containment ${overrides.containment}.`);
  }
  if (overrides.scope !== undefined && overrides.scope !== profile.scope) {
    throw usageError(`--scope is not allowed for ${profile.mode}: it works on the ${profile.scope}.`);
  }
  if (overrides.paths.length > 0 || overrides.base !== undefined) {
    throw usageError(`--paths and --base are for reviews; an isolated ${profile.mode} starts from your whole working tree.`);
  }
  return "worktree";
}
