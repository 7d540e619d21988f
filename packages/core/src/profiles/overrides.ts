import { usageError } from "../errors/companion-error.js";
import type { Containment, Scope } from "../record/schema.js";
import type { ModeProfile } from "./profiles.js";

export interface ScopeOverrides {
  scope?: Scope;
  containment?: Containment;
  base?: string;
  paths: readonly string[];
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
  const containment = overrides.containment ?? profile.containment;
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
