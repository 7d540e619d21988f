import type { AuthFacts } from "../adapter/adapter.js";
import type { AuthEnv, AuthMode } from "../record/schema.js";

export type AuthResolution =
  | { outcome: "ok"; env: Record<string, string>; authEnv: AuthEnv }
  | { outcome: "not_authed"; message: string; suggestedAction: string; authEnv: AuthEnv };

/**
 * The target's environment for an auth mode (SPEC §8). `subscription` withholds provider
 * credentials and endpoints so an API key is never billed by surprise; `api_key` demands
 * the target's key; `auto` passes through what is present. Other vendors' keys are never
 * passed: the target has no use for them. Only variable names are reported.
 */
export function resolveAuthEnvironment(
  facts: AuthFacts,
  mode: AuthMode,
  env: NodeJS.ProcessEnv,
  displayName: string,
): AuthResolution {
  const present = (name: string): boolean => typeof env[name] === "string" && env[name] !== "";
  const isProvider = (name: string): boolean =>
    facts.keyVars.includes(name) || facts.endpointVars.includes(name) || facts.scrubPrefixes.some((p) => name.startsWith(p));
  const isForeign = (name: string): boolean => facts.scrubNames.includes(name) && !isProvider(name);

  const out: Record<string, string> = {};
  const used: string[] = [];
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const withhold = isForeign(name) || (mode === "subscription" && isProvider(name));
    if (withhold) {
      ignored.push(name);
      continue;
    }
    out[name] = value;
    if (facts.keyVars.includes(name) || facts.endpointVars.includes(name)) used.push(name);
  }
  const authEnv = { used: used.sort(), ignored: ignored.sort() };
  if (mode === "api_key" && !facts.keyVars.some(present)) {
    return {
      outcome: "not_authed",
      message: `--auth-mode api_key needs one of ${facts.keyVars.join(", ")} in the environment.`,
      suggestedAction: `Export ${facts.keyVars[0] ?? "the API key"} or use --auth-mode subscription to use the ${displayName} login.`,
      authEnv,
    };
  }
  return { outcome: "ok", env: out, authEnv };
}
