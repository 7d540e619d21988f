import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import type { TargetFacts } from "../adapter/adapter.js";
import { CompanionError } from "../errors/companion-error.js";

/** The target executable: $<T>_BINARY if set (a path or a name on PATH), else the default name on PATH. */
export function resolveBinary(adapter: TargetFacts, env: NodeJS.ProcessEnv, cwd: string): string {
  const override = env[adapter.binaryEnvVar];
  const wanted = override && override !== "" ? override : adapter.defaultBinary;
  const found = wanted.includes("/") ? checkPath(isAbsolute(wanted) ? wanted : resolve(cwd, wanted)) : searchPath(wanted, env);
  if (found) return found;
  throw new CompanionError("binary_not_found", `Cannot find the ${adapter.displayName} executable "${wanted}".`, {
    suggestedAction: `Install ${adapter.displayName} (\`${adapter.defaultBinary}\` on PATH) or point ${adapter.binaryEnvVar} at it.`,
  });
}

function searchPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const found = checkPath(join(dir, name));
    if (found) return found;
  }
  return null;
}

function checkPath(path: string): string | null {
  try {
    if (!statSync(path).isFile()) return null;
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return null;
  }
}
