import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, isAbsolute, join } from "node:path";
import { Script } from "node:vm";

/**
 * How a bundle was compiled: from V8's cache of it, or from source (the cache was missing,
 * or V8 refused it: another node, other flags), or without a cache at all.
 */
export type CacheUse = "hit" | "miss" | "rejected" | "off";

export interface CompiledRun {
  cache: CacheUse;
  /** Writes V8's code for the bundle (with every function compiled so far) to the cache, when it should. */
  save(): void;
}

/**
 * A bundle the bins run is written already wrapped in CommonJS's module function (the
 * bundler adds these around it): compiled as it is read, its source is not copied once more
 * on every start. That copy was what tipped a background launch's young generation into a
 * scavenge (~1.4 ms) just before exit.
 */
export const BUNDLE_HEAD = "(function (exports, require, module, __filename, __dirname) {";
export const BUNDLE_TAIL = "\n});";

/**
 * Runs a wrapped CommonJS bundle (see BUNDLE_HEAD) as `require` would, compiled from a V8
 * code cache when one is at `cachePath`. Compiling the bundles is the largest share of a
 * command's own start-up that is left (SPEC §10); Node 22's `module.enableCompileCache()` does
 * the same, Node 20 has no such thing. `cachePath` must name this exact bundle content: V8
 * checks its own version, flags and the source's length, not the source itself.
 */
export function runBundle(file: string, cachePath: string | null): CompiledRun {
  const source = readFileSync(file, "utf8");
  if (!source.startsWith(BUNDLE_HEAD)) throw new Error(`${file} was not built for this bin (no module wrapper): reinstall or rebuild the package.`);
  const cachedData = cachePath === null ? undefined : readOrUndefined(cachePath);
  const script = new Script(source, { filename: file, cachedData });
  const cache: CacheUse = cachePath === null ? "off" : cachedData === undefined ? "miss" : script.cachedDataRejected ? "rejected" : "hit";
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    cache,
    save: () => {
      if (cachePath !== null && cache !== "hit") saveCache(cachePath, script.createCachedData());
    },
  };
}

/**
 * `<cache dir>/agent-companion/v8/<bundle>-<content hash>-<node>-<arch>.bin`, or null when
 * there is no cache directory or NODE_DISABLE_COMPILE_CACHE (Node's own switch) is set.
 */
export function cachePathFor(bundle: string, contentHash: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  if (env.NODE_DISABLE_COMPILE_CACHE) return null;
  const base = platformCacheDir(env, platform);
  return base === null ? null : join(base, "agent-companion", "v8", `${bundle}-${contentHash}-${process.version}-${process.arch}.bin`);
}

/** The platform's per-user cache directory, from the environment alone (no node:os at start-up). */
function platformCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (platform === "win32") return env.LOCALAPPDATA ?? null;
  if (env.HOME === undefined || env.HOME === "") return null;
  if (platform === "darwin") return join(env.HOME, "Library", "Caches");
  const xdg = env.XDG_CACHE_HOME;
  return xdg && isAbsolute(xdg) ? xdg : join(env.HOME, ".cache");
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Atomic (a reader sees a whole cache or none), and the bundle's caches for other contents or
 * other nodes are removed. A cache is only ever an optimisation: failing to write one is not
 * an error.
 */
function saveCache(path: string, data: Buffer): void {
  const dir = dirname(path);
  const name = basename(path);
  // Bundle names carry no dash: the name up to the first one is the bundle's.
  const bundle = name.slice(0, name.indexOf("-") + 1);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, path);
    for (const other of readdirSync(dir)) if (other.startsWith(bundle) && other !== name) rmSync(join(dir, other), { force: true });
  } catch {
    // Read-only or full cache directory: the next start compiles from source, as without one.
  }
}
