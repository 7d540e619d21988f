import type { TargetAdapter, TargetFacts } from "../adapter/adapter.js";
import type { JobRecord } from "../record/schema.js";
import { JobStore } from "../store/job-store.js";
import { resolveStateRoot } from "../store/state-root.js";

/** Everything an operation needs from its surroundings, so operations stay free of globals. */
export interface OperationContext {
  target: TargetFacts;
  /** The full adapter (parsers and argv), loaded only by operations that start the target. */
  loadAdapter(): Promise<TargetAdapter>;
  store: JobStore;
  stateRoot: string;
  env: NodeJS.ProcessEnv;
  /** The front-end's working directory: the default source directory. */
  cwd: string;
  /** Absolute path of the running bin script, used to start the background worker. */
  binPath: string;
  /** The companion's own version. */
  version: string;
  /**
   * Calls `handler` when the caller gives up (Ctrl-C or SIGTERM at the CLI, a cancelled MCP
   * request) until the returned function is called; a foreground job is then cancelled.
   * Only operations that register one change what an interrupt does.
   */
  onInterrupt?: (handler: () => void) => () => void;
  /** Called with the job's record while `wait` or a foreground run is in progress. */
  onProgress?: (record: JobRecord) => void;
}

export interface ContextSource {
  env: NodeJS.ProcessEnv;
  cwd: string;
  binPath: string;
  version: string;
  stateDir: string | undefined;
  loadAdapter(): Promise<TargetAdapter>;
}

export function operationContext(target: TargetFacts, source: ContextSource): OperationContext {
  const stateRoot = resolveStateRoot(source.stateDir, source.env);
  return {
    target,
    loadAdapter: source.loadAdapter,
    store: new JobStore(stateRoot, target.name),
    stateRoot,
    env: source.env,
    cwd: source.cwd,
    binPath: source.binPath,
    version: source.version,
  };
}
