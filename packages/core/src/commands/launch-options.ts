import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { TargetFacts } from "../adapter/adapter.js";
import { usageError } from "../errors/companion-error.js";
import { type ModeProfile, profileFor } from "../profiles/profiles.js";
import { type ResolvedScope, resolveScope } from "../profiles/overrides.js";
import { AuthMode, Containment, type JobRecord, Mode, Scope } from "../record/schema.js";
import { resolveSourceDir } from "../workspace/root.js";
import { enumFlag, listFlag, type ParsedCommand, secondsFlag, stringFlag } from "../cli/args.js";

/** --mode, --cwd and the scope flags, shared by `run` and `preflight`. */
export interface SourceFlags {
  profile: ModeProfile;
  cwd: string;
  scope: ResolvedScope;
}

export function sourceFlags(parsed: ParsedCommand, processCwd: string): SourceFlags {
  const mode = enumFlag(parsed, "mode", Mode.options);
  if (mode === undefined) throw usageError(`${parsed.command}: --mode is required (one of ${Mode.options.join(", ")}).`);
  const profile = profileFor(mode);
  const scope = resolveScope(profile, {
    scope: enumFlag(parsed, "scope", Scope.options),
    containment: enumFlag(parsed, "containment", Containment.options),
    base: stringFlag(parsed, "base"),
    paths: listFlag(parsed, "paths"),
  });
  return { profile, cwd: resolveSourceDir(stringFlag(parsed, "cwd"), processCwd), scope };
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

/**
 * `parent` is the job a `continue` follows up: its model, auth mode and timeout hold unless
 * given again (SPEC §3); a fresh run takes them from the flags, the environment and defaults.
 */
export function jobOptions(
  adapter: TargetFacts,
  profile: ModeProfile,
  parsed: ParsedCommand,
  context: { parent: JobRecord | null; env: NodeJS.ProcessEnv; cwd: string },
): JobOptions {
  const { parent } = context;
  const envModel = context.env[`COMPANION_${adapter.name.toUpperCase()}_MODEL`];
  return {
    background: parsed.values.background === true,
    model: stringFlag(parsed, "model") ?? (parent ? parent.model : (envModel || null) ?? adapter.defaultModel(profile.mode)),
    timeoutS: secondsFlag(parsed, "timeout") ?? parent?.timeout_s ?? profile.defaultTimeoutS,
    authMode: enumFlag(parsed, "auth-mode", AuthMode.options) ?? parent?.auth_mode ?? adapter.defaultAuthMode,
    jsonSchema: jsonSchemaFlag(adapter, profile, parsed, context.cwd),
    keepSnapshot: parsed.values["keep-snapshot"] === true,
  };
}

function jsonSchemaFlag(adapter: TargetFacts, profile: ModeProfile, parsed: ParsedCommand, cwd: string): string | null {
  const file = stringFlag(parsed, "json-schema");
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

/** The prompt from argv words, --prompt-file FILE, or --prompt-file - (stdin). */
export function readPrompt(parsed: ParsedCommand, cwd: string): string {
  const file = stringFlag(parsed, "prompt-file");
  if (file !== undefined && parsed.positionals.length > 0) {
    throw usageError("Give the prompt either as words or with --prompt-file, not both.");
  }
  if (file === undefined) return parsed.positionals.join(" ");
  try {
    return readFileSync(file === "-" ? 0 : resolve(cwd, file), "utf8");
  } catch (error) {
    throw usageError(`--prompt-file: cannot read "${file}": ${(error as Error).message}`);
  }
}
