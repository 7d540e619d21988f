/**
 * The environment every git child process gets. Any inherited GIT_* variable could point
 * git at another repository, index, object store, config or helper program, so all of
 * them are dropped and only the values below are set.
 */
const FORCED: Readonly<Record<string, string>> = {
  // Config outside the repository (system, ~/.gitconfig, XDG) is ignored entirely.
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  // Replace refs and the deprecated grafts file would make objects lie about history.
  // `--no-replace-objects` does not disable grafts in git 2.39; an empty graft file does.
  GIT_NO_REPLACE_OBJECTS: "1",
  GIT_GRAFT_FILE: "/dev/null",
  // Reads must never take the index lock or rewrite the index behind the user's back.
  GIT_OPTIONAL_LOCKS: "0",
  GIT_TERMINAL_PROMPT: "0",
  // Stable, unlocalised messages for the errors we surface.
  LC_ALL: "C",
};

export const isGitVariable = (name: string): boolean => name.toUpperCase().startsWith("GIT_");

/** Pure: the scrubbed environment, plus per-call config entries (GIT_CONFIG_KEY_n form). */
export function hardenedGitEnv(
  base: Readonly<Record<string, string | undefined>>,
  config: ReadonlyArray<readonly [key: string, value: string]> = [],
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value !== undefined && !isGitVariable(name)) env[name] = value;
  }
  Object.assign(env, FORCED);
  // GIT_CONFIG_COUNT carries arbitrary key names (a filter driver called "a=b" included),
  // which `-c key=value` cannot express unambiguously.
  if (config.length > 0) {
    env.GIT_CONFIG_COUNT = String(config.length);
    config.forEach(([key, value], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
  }
  return env;
}

/**
 * Global options placed before every subcommand. Repository config cannot override
 * command-line config, so these neutralise anything a hostile `.git/config` sets up to
 * execute or to change what a read returns.
 */
export const HARDENED_GLOBAL_ARGS: readonly string[] = [
  "--no-replace-objects",
  "--no-pager",
  ...[
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.untrackedCache=false",
    "core.useReplaceRefs=false",
    "core.quotePath=false",
    "diff.external=",
    "gc.auto=0",
    "maintenance.auto=false",
    "advice.graftFileDeprecated=false",
  ].flatMap((setting) => ["-c", setting]),
];
