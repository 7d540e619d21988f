import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TargetAdapter } from "../adapter/adapter.js";
import { resolveAuthEnvironment } from "../auth/environment.js";
import { CompanionError, EXIT } from "../errors/companion-error.js";
import { profileFor } from "../profiles/profiles.js";
import { resolveBinary } from "../process/binary.js";
import { type ContractReport, probeContract } from "../process/contract.js";
import { superviseTarget } from "../process/supervise.js";
import type { OperationContext } from "./context.js";
import type { InputOf } from "./input.js";
import type { OperationResult } from "./operation.js";

const PROBE_TIMEOUT_S = 90;
const PROBE_PROMPT = "This is a connectivity check. Reply with the single word OK.";

type Probe =
  | { outcome: "skipped" }
  | { outcome: "ok"; answer: string }
  | { outcome: "failed"; error_code: string; message: string; suggested_action: string };

/** Binary, version floor, the flags read-only reviews depend on, and a live source-free auth probe. */
export async function doctorOperation(ctx: OperationContext, input: InputOf<"doctor">): Promise<OperationResult> {
  const adapter = await ctx.loadAdapter();
  const authMode = input.authMode ?? adapter.defaultAuthMode;
  let binary: string;
  try {
    binary = resolveBinary(adapter, ctx.env, ctx.cwd);
  } catch (error) {
    if (!(error instanceof CompanionError)) throw error;
    const document = { ok: false, target: adapter.name, binary: null, error: error.code, message: error.message, suggested_action: error.suggestedAction };
    return { document, exitCode: EXIT.failed, human: `${adapter.displayName}: ${error.message}\n  ${error.suggestedAction}` };
  }
  const auth = resolveAuthEnvironment(adapter.auth, authMode, ctx.env, adapter.displayName);
  const contract = await probeContract(adapter, binary, auth.outcome === "ok" ? auth.env : stringEnv(ctx.env));
  const probe: Probe =
    input.noProbe
      ? { outcome: "skipped" }
      : auth.outcome === "not_authed"
        ? { outcome: "failed", error_code: "not_authed", message: auth.message, suggested_action: auth.suggestedAction }
        : await liveProbe(adapter, binary, auth.env);
  const ok = contract.version_ok && contract.missing_flags.length === 0 && probe.outcome !== "failed";
  const document = {
    ok,
    target: adapter.name,
    binary,
    contract,
    read_only_reviews: contract.missing_flags.length === 0 ? "enforced" : "refused (contract_changed)",
    auth: { mode: authMode, variables_used: auth.authEnv.used, variables_ignored: auth.authEnv.ignored, probe },
  };
  return { document, exitCode: ok ? EXIT.ok : EXIT.failed, human: renderDoctor(adapter.displayName, contract, authMode, probe) };
}

async function liveProbe(adapter: TargetAdapter, binary: string, env: Record<string, string>): Promise<Probe> {
  const dir = await mkdtemp(join(tmpdir(), "companion-doctor-"));
  try {
    const invocation = adapter.buildInvocation({
      profile: profileFor("review"),
      prompt: PROBE_PROMPT,
      model: null,
      resumeSessionId: null,
      readableDir: null,
      jsonSchema: null,
      cwd: dir,
      privateDir: dir,
    });
    for (const file of invocation.files) await writeFile(file.path, file.content, { mode: 0o600 });
    const run = await superviseTarget({
      binary,
      invocation,
      cwd: dir,
      env: { ...env, ...invocation.env },
      timeoutS: PROBE_TIMEOUT_S,
      graceMs: 2000,
      parser: adapter.createParser(),
      logs: { stdout: join(dir, "stdout.log"), stderr: join(dir, "stderr.log") },
      onSpawned: async () => undefined,
      onLine: () => undefined,
      stop: new AbortController().signal,
    });
    if (run.outcome === "spawn_failed") return { outcome: "failed", error_code: run.errorCode, message: run.message, suggested_action: "Check the installation." };
    if (run.timedOut) return { outcome: "failed", error_code: "timeout", message: `No answer within ${PROBE_TIMEOUT_S} s.`, suggested_action: "Check network access and credentials." };
    return run.target.outcome === "completed"
      ? { outcome: "ok", answer: run.target.result.slice(0, 80) }
      : { outcome: "failed", ...run.target.error };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const stringEnv = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));

function renderDoctor(name: string, contract: ContractReport, authMode: string, probe: Probe): string {
  const mark = (good: boolean) => (good ? "ok  " : "FAIL");
  return [
    `${mark(contract.version_ok)} ${name} ${contract.version ?? "(unknown version)"} at ${contract.binary} (floor ${contract.version_floor})`,
    `${mark(contract.missing_flags.length === 0)} read-only flags${contract.missing_flags.length ? `: missing ${contract.missing_flags.join(", ")}` : ""}`,
    probe.outcome === "skipped"
      ? `skip auth probe (${authMode})`
      : probe.outcome === "ok"
        ? `ok   auth (${authMode}): live probe answered`
        : `FAIL auth (${authMode}): ${probe.error_code}: ${probe.message}\n     ${probe.suggested_action}`,
  ].join("\n");
}
