import { statSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { spawn } from "node:child_process";
import type { TargetFacts } from "../adapter/adapter.js";
import { CompanionError } from "../errors/companion-error.js";

export interface ContractReport {
  binary: string;
  version: string | null;
  version_floor: string;
  version_ok: boolean;
  missing_flags: string[];
  /** Why --version/--help could not be read, if they could not. */
  probe_error: string | null;
}

const PROBE_TIMEOUT_MS = 30_000;

type ContractTarget = Pick<TargetFacts, "name" | "displayName" | "contract">;

/** Reads the target's --version and --help and checks the flags read-only enforcement needs. */
export async function probeContract(adapter: ContractTarget, binary: string, env: Record<string, string>): Promise<ContractReport> {
  const { contract } = adapter;
  const [versionRun, helpRun] = await Promise.all([runProbe(binary, contract.versionArgs, env), runProbe(binary, contract.helpArgs, env)]);
  const version = contract.parseVersion(versionRun.stdout);
  const help = `${helpRun.stdout}\n${helpRun.stderr}`;
  const probeError = helpRun.failure === null ? null : `\`${binary} ${contract.helpArgs.join(" ")}\` failed: ${helpRun.failure}`;
  return {
    binary,
    version,
    version_floor: contract.versionFloor,
    version_ok: version !== null && (await atLeast(version, contract.versionFloor)),
    missing_flags: probeError ? [...contract.requiredFlags] : contract.requiredFlags.filter((flag) => !mentionsFlag(help, flag)),
    probe_error: probeError,
  };
}

interface ProbeRun {
  readonly stdout: string;
  readonly stderr: string;
  /** Why the run did not exit 0, or null when it did. */
  readonly failure: string | null;
}

/** One probe run, stdin closed, with its output; it never rejects (node:child_process: no execa to load). */
function runProbe(binary: string, args: readonly string[], env: Record<string, string>): Promise<ProbeRun> {
  return new Promise((resolve) => {
    const child = spawn(binary, [...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, PROBE_TIMEOUT_MS);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const done = (failure: string | null): void => {
      clearTimeout(timer);
      resolve({ stdout, stderr, failure });
    };
    child.on("error", (error) => done(error.message));
    child.on("close", (code, signal) => {
      if (timedOut) done(`timed out after ${PROBE_TIMEOUT_MS / 1000} s`);
      else done(code === 0 ? null : signal === null ? `exit code ${code}` : `killed by ${signal}`);
    });
  });
}

const mentionsFlag = (help: string, flag: string): boolean =>
  new RegExp(`(^|[\\s,\\[(])${flag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`, "m").test(help);

/** Read loosely: "2.1" is 2.1.0, and a nightly of a release counts as that release. */
async function atLeast(version: string, floor: string): Promise<boolean> {
  // Loaded by a probe only: semver builds its few dozen regular expressions as it loads, which
  // every review answered from the probe's cache would pay for.
  const [{ default: coerce }, { default: gte }] = await Promise.all([import("semver/functions/coerce.js"), import("semver/functions/gte.js")]);
  const parsed = coerce(version);
  return parsed !== null && gte(parsed, floor);
}

export interface ContractCache {
  cacheDir: string;
  companionVersion: string;
}

/**
 * Fails closed before a read-only run when the installed CLI lacks a flag the read-only
 * profile depends on. The probe is cached because a Node-based target takes a second to print
 * its help; the cache holds only while the binary (path, size, mtime), the flags and floor
 * checked and the companion doing the check are all the same, so neither an upgraded target
 * nor an upgraded companion that requires a new flag is ever answered from an old probe.
 */
export async function ensureContract(adapter: ContractTarget, binary: string, env: Record<string, string>, cache: ContractCache): Promise<void> {
  const report = await cachedProbe(adapter, binary, env, cache);
  if (report.missing_flags.length === 0) return;
  throw new CompanionError(
    "contract_changed",
    `${adapter.displayName} at ${binary} lacks ${report.missing_flags.join(", ")}, which read-only reviews depend on; refusing to run unguarded.`,
    { suggestedAction: `Install ${adapter.displayName} ${adapter.contract.versionFloor} or newer, then run \`companion-${adapter.name} doctor\`.` },
  );
}

async function cachedProbe(adapter: ContractTarget, binary: string, env: Record<string, string>, cache: ContractCache): Promise<ContractReport> {
  const stat = statSync(binary);
  const { requiredFlags, versionFloor } = adapter.contract;
  const key = JSON.stringify([binary, stat.size, stat.mtimeMs, requiredFlags, versionFloor, cache.companionVersion]);
  const cacheFile = join(cache.cacheDir, "contract-cache.json");
  try {
    const cached = JSON.parse(await readFile(cacheFile, "utf8")) as { key?: string; report?: ContractReport };
    if (cached.key === key && cached.report) return cached.report;
  } catch {
    // No usable cache: probe.
  }
  const report = await probeContract(adapter, binary, env);
  if (report.probe_error === null) {
    await writeFile(cacheFile, JSON.stringify({ key, report }), { mode: 0o600 }).catch(() => undefined);
  }
  return report;
}
