import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { TargetFacts } from "../adapter/adapter.js";
import { usageError } from "../errors/companion-error.js";
import { type ModeProfile, profileFor } from "../profiles/profiles.js";
import { type ResolvedScope, resolveScope } from "../profiles/overrides.js";
import { AuthMode, Containment, Mode, Scope } from "../record/schema.js";
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

/** --include-secret PATH (repeatable): exact paths, never split on commas (a name may hold one). */
export function includeSecretFlag(parsed: ParsedCommand): string[] {
  const value = parsed.values["include-secret"];
  return Array.isArray(value) ? value : [];
}

/** The flags `run` and `continue` share, validated. */
export interface JobOptions {
  background: boolean;
  model: string | null;
  timeoutS: number;
  authMode: AuthMode;
  jsonSchema: string | null;
  keepSnapshot: boolean;
  includeSecrets: string[];
}

export function jobOptions(
  adapter: TargetFacts,
  profile: ModeProfile,
  parsed: ParsedCommand,
  defaults: { model: string | null; env: NodeJS.ProcessEnv; cwd: string },
): JobOptions {
  const envModel = defaults.env[`COMPANION_${adapter.name.toUpperCase()}_MODEL`];
  return {
    background: parsed.values.background === true,
    model: stringFlag(parsed, "model") ?? defaults.model ?? (envModel || null) ?? adapter.defaultModel(profile.mode),
    timeoutS: secondsFlag(parsed, "timeout") ?? profile.defaultTimeoutS,
    authMode: enumFlag(parsed, "auth-mode", AuthMode.options) ?? adapter.defaultAuthMode,
    jsonSchema: jsonSchemaFlag(adapter, profile, parsed, defaults.cwd),
    keepSnapshot: parsed.values["keep-snapshot"] === true,
    includeSecrets: includeSecretFlag(parsed),
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
