import { isAbsolute, join, resolve } from "node:path";

const APP = "agent-companion";

/** The platform's per-user state directory for this app. */
export function platformStateDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  // node:os on first use: a command given its state directory never needs it.
  home: string = process.getBuiltinModule("node:os").homedir(),
): string {
  if (platform === "darwin") return join(home, "Library", "Application Support", APP);
  if (platform === "win32") return join(env.LOCALAPPDATA ?? join(home, "AppData", "Local"), APP);
  const xdg = env.XDG_STATE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, ".local", "state"), APP);
}

/** --state-dir, else COMPANION_STATE_DIR, else the platform default. */
export function resolveStateRoot(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.COMPANION_STATE_DIR;
  return chosen ? resolve(chosen) : platformStateDir(env);
}
