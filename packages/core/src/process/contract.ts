import { statSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
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

/** Reads the target's --version and --help and checks the flags read-only enforcement needs. */
export async function probeContract(adapter: TargetFacts, binary: string, env: Record<string, string>): Promise<ContractReport> {
  const { contract } = adapter;
  const run = (args: readonly string[]) =>
    execa(binary, [...args], { env, extendEnv: false, stdin: "ignore", reject: false, timeout: PROBE_TIMEOUT_MS });
  const [versionRun, helpRun] = await Promise.all([run(contract.versionArgs), run(contract.helpArgs)]);
  const version = contract.parseVersion(String(versionRun.stdout));
  const help = `${String(helpRun.stdout)}\n${String(helpRun.stderr)}`;
  const probeError =
    helpRun.exitCode === 0 ? null : `\`${binary} ${contract.helpArgs.join(" ")}\` failed: ${helpRun.shortMessage ?? "unknown error"}`;
  return {
    binary,
    version,
    version_floor: contract.versionFloor,
    version_ok: version !== null && compareVersions(version, contract.versionFloor) >= 0,
    missing_flags: probeError ? [...contract.requiredFlags] : contract.requiredFlags.filter((flag) => !mentionsFlag(help, flag)),
    probe_error: probeError,
  };
}

const mentionsFlag = (help: string, flag: string): boolean =>
  new RegExp(`(^|[\\s,\\[(])${flag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`, "m").test(help);

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((part) => Number.parseInt(part, 10) || 0);
  const pb = b.split(".").map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/**
 * Fails closed before a read-only run when the installed CLI lacks a flag the read-only
 * profile depends on. The probe is cached per binary (path, size, mtime) because a
 * Node-based target takes a second to print its help.
 */
export async function ensureContract(
  adapter: TargetFacts,
  binary: string,
  env: Record<string, string>,
  cacheDir: string,
): Promise<void> {
  const report = await cachedProbe(adapter, binary, env, cacheDir);
  if (report.missing_flags.length === 0) return;
  throw new CompanionError(
    "contract_changed",
    `${adapter.displayName} at ${binary} lacks ${report.missing_flags.join(", ")}, which read-only reviews depend on; refusing to run unguarded.`,
    { suggestedAction: `Install ${adapter.displayName} ${adapter.contract.versionFloor} or newer, then run \`companion-${adapter.name} doctor\`.` },
  );
}

async function cachedProbe(adapter: TargetFacts, binary: string, env: Record<string, string>, cacheDir: string): Promise<ContractReport> {
  const stat = statSync(binary);
  const key = `${binary}:${stat.size}:${stat.mtimeMs}`;
  const cacheFile = join(cacheDir, "contract-cache.json");
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
