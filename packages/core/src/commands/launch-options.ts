import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { TargetFacts } from "../adapter/adapter.js";
import { usageError } from "../errors/companion-error.js";
import { type ModeProfile, profileFor } from "../profiles/profiles.js";
import { type ResolvedScope, resolveScope } from "../profiles/overrides.js";
import type { AuthMode, JobRecord } from "../record/schema.js";
import { findGitRootSync, resolveSourceDir } from "../workspace/root.js";
import type { InputOf } from "./input.js";

/** --mode, --cwd and the scope flags, shared by `run` and `preflight`. */
export interface SourceFlags {
  profile: ModeProfile;
  cwd: string;
  scope: ResolvedScope;
}

/** `run` adds the isolation flags to the scope flags `preflight` also takes. */
type SourceInput = InputOf<"preflight"> & Partial<Pick<InputOf<"run">, "isolate" | "withIgnored">>;

export function sourceFlags(input: SourceInput, processCwd: string): SourceFlags {
  const profile = profileFor(input.mode);
  const scope = resolveScope(profile, {
    scope: input.scope,
    containment: input.containment,
    base: input.base,
    paths: input.paths,
    isolate: input.isolate ?? false,
    withIgnored: input.withIgnored ?? [],
  });
  const cwd = resolveSourceDir(input.cwd, processCwd);
  if (scope.containment === "worktree" && findGitRootSync(cwd) === null) {
    throw usageError(`--isolate needs a git repository, and ${cwd} is not inside one.`, "Run it from inside a repository, or leave out --isolate to work on the directory directly.");
  }
  return { profile, cwd, scope };
}

/** The flags `run` and `continue` share, validated. */
export interface JobOptions {
  background: boolean;
  model: string | null;
  timeoutS: number;
  authMode: AuthMode;
  jsonSchema: string | null;
  keepSnapshot: boolean;
}

type JobFlags = Pick<InputOf<"continue">, "background" | "model" | "timeout" | "authMode" | "jsonSchema" | "keepSnapshot">;

/**
 * `parent` is the job a `continue` follows up: its model, auth mode and timeout hold unless
 * given again (SPEC §3); a fresh run takes them from the flags, the environment and defaults.
 */
export function jobOptions(
  adapter: TargetFacts,
  profile: ModeProfile,
  input: JobFlags,
  context: { parent: JobRecord | null; env: NodeJS.ProcessEnv; cwd: string },
): JobOptions {
  const { parent } = context;
  const envModel = context.env[`COMPANION_${adapter.name.toUpperCase()}_MODEL`];
  return {
    background: input.background,
    model: input.model ?? (parent ? parent.model : (envModel || null) ?? adapter.defaultModel(profile.mode)),
    timeoutS: input.timeout ?? parent?.timeout_s ?? profile.defaultTimeoutS,
    authMode: input.authMode ?? parent?.auth_mode ?? adapter.defaultAuthMode,
    jsonSchema: readJsonSchema(adapter, profile, input.jsonSchema, context.cwd),
    keepSnapshot: input.keepSnapshot,
  };
}

function readJsonSchema(adapter: TargetFacts, profile: ModeProfile, file: string | undefined, cwd: string): string | null {
  if (file === undefined) return null;
  if (!adapter.supportsJsonSchema) throw usageError(`--json-schema is not supported by ${adapter.displayName}.`);
  if (!profile.structuredOutputAllowed) throw usageError(`--json-schema is not allowed in ${profile.mode} mode.`);
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), "utf8");
    JSON.parse(text);
  } catch (error) {
    throw usageError(`--json-schema: cannot read a JSON schema from "${file}": ${(error as Error).message}`);
  }
  return text;
}
