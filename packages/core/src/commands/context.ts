import type { TargetAdapter, TargetFacts } from "../adapter/adapter.js";
import { JobStore } from "../store/job-store.js";
import { resolveStateRoot } from "../store/state-root.js";
import { type ParsedCommand, stringFlag } from "../cli/args.js";

/** Everything a command needs from its surroundings, so commands stay free of globals. */
export interface CommandContext {
  target: TargetFacts;
  /** The full adapter (parsers and argv), loaded only by commands that start the target. */
  loadAdapter(): Promise<TargetAdapter>;
  store: JobStore;
  stateRoot: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Absolute path of the running bin script, used to start the background worker. */
  binPath: string;
  /** The companion's own version. */
  version: string;
  human: boolean;
}

export function commandContext(
  target: TargetFacts,
  parsed: ParsedCommand,
  environment: { env: NodeJS.ProcessEnv; cwd: string; binPath: string; version: string; loadAdapter(): Promise<TargetAdapter> },
): CommandContext {
  const stateRoot = resolveStateRoot(stringFlag(parsed, "state-dir"), environment.env);
  return {
    target,
    loadAdapter: environment.loadAdapter,
    store: new JobStore(stateRoot, target.name),
    stateRoot,
    env: environment.env,
    cwd: environment.cwd,
    binPath: environment.binPath,
    version: environment.version,
    human: parsed.values.human === true,
  };
}
