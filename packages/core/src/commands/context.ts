import type { TargetAdapter } from "../adapter/adapter.js";
import { JobStore } from "../store/job-store.js";
import { resolveStateRoot } from "../store/state-root.js";
import { type ParsedCommand, stringFlag } from "../cli/args.js";

/** Everything a command needs from its surroundings, so commands stay free of globals. */
export interface CommandContext {
  adapter: TargetAdapter;
  store: JobStore;
  stateRoot: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Absolute path of the running bin script, used to start the background worker. */
  binPath: string;
  human: boolean;
}

export function commandContext(
  adapter: TargetAdapter,
  parsed: ParsedCommand,
  environment: { env: NodeJS.ProcessEnv; cwd: string; binPath: string },
): CommandContext {
  const stateRoot = resolveStateRoot(stringFlag(parsed, "state-dir"), environment.env);
  return {
    adapter,
    store: new JobStore(stateRoot, adapter.name),
    stateRoot,
    env: environment.env,
    cwd: environment.cwd,
    binPath: environment.binPath,
    human: parsed.values.human === true,
  };
}
