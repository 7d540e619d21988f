import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClassifiedError, TargetAdapter, TargetOutcome } from "../adapter/adapter.js";
import { resolveAuthEnvironment } from "../auth/environment.js";
import { hasCancelMarker } from "../cancel/marker.js";
import { CompanionError } from "../errors/companion-error.js";
import { captureAfterExec } from "../identity/after-exec.js";
import { captureIdentity } from "../identity/capture.js";
import { profileFor, type ModeProfile } from "../profiles/profiles.js";
import { type Ending, markRunning, type PhaseMarks, withPreparation, withProgress } from "../record/build.js";
import type { AuthEnv, JobRecord, PidInfo } from "../record/schema.js";
import { isActive, isErrorCode } from "../record/values.js";
import { resolveBinary } from "../process/binary.js";
import { ensureContract } from "../process/contract.js";
import { KILL_GRACE_MS } from "../process/group-kill.js";
import { superviseTarget } from "../process/supervise.js";
import { ScopeError } from "../scope/scope-error.js";
import type { JobStore } from "../store/job-store.js";
import { jobTempPrefix } from "../store/temp-dirs.js";
import { isReviewMode } from "../prompts/templates.js";
import { gateReview } from "../review/gate.js";
import { promptTooLarge } from "../review/size-guard.js";
import { finalizeJob } from "./finalize.js";
import { withOwnCost } from "./own-cost.js";
import { advanceProgress, ThrottledWriter } from "./progress.js";
import { prepareSource, type PreparedSource } from "./source.js";

export interface PipelineContext {
  adapter: TargetAdapter;
  store: JobStore;
  env: NodeJS.ProcessEnv;
  /** Part of the CLI-contract cache key: a new companion may check the target differently. */
  companionVersion: string;
}

/** What the launcher hands the job besides its record; never stored on disk. */
export interface JobInput {
  prompt: string;
  jsonSchema: string | null;
  keepSnapshot: boolean;
  /** Exact paths sent although the secret filter would withhold them (--include-secret). */
  includeSecrets: string[];
}

const PROGRESS_INTERVAL_MS = 1000;
const MARKER_POLL_MS = 250;
const IDENTITY_SETTLE_MS = 10_000;

/**
 * Runs one queued job to its terminal record: the same code for a foreground run and for
 * the background worker. Never throws for job-level failures; they end in the record.
 */
export async function executeJob(ctx: PipelineContext, jobId: string, input: JobInput, stop: AbortController): Promise<JobRecord> {
  const jobDir = ctx.store.jobDir(jobId);
  const record = await ctx.store.get(jobId);
  const profile = profileFor(record.mode);
  const marks: PhaseMarks = { targetStartedAt: null, targetEndedAt: null };
  const live: LiveProgress = { progress: record.progress, sessionId: null };
  let source: PreparedSource | null = null;
  let authEnv: AuthEnv | undefined;
  try {
    if (hasCancelMarker(jobDir)) return await finalizeJob(ctx.store, jobId, { ending: "cancelled", outcome: null, exitCode: null, signal: null }, [], marks);
    const binary = resolveBinary(ctx.adapter, ctx.env, record.cwd);
    const auth = resolveAuthEnvironment(ctx.adapter.auth, record.auth_mode, ctx.env, ctx.adapter.displayName);
    // Recorded with the job's next write, its preparation or its ending: one write fewer.
    authEnv = auth.authEnv;
    if (auth.outcome === "not_authed") {
      throw new CompanionError("not_authed", auth.message, { suggestedAction: auth.suggestedAction });
    }
    // The contract check runs the target (on a cache miss) while the source is prepared:
    // neither sends anything, and the target starts only once both have passed.
    const [contract, preparing] = await Promise.allSettled([
      profile.access === "read-only" ? ensureContract(ctx.adapter, binary, auth.env, { cacheDir: ctx.store.root, companionVersion: ctx.companionVersion }) : null,
      prepareSource({
        record,
        profile,
        userPrompt: input.prompt,
        keepSnapshot: input.keepSnapshot,
        includeSecrets: input.includeSecrets,
        chainsDir: ctx.store.chainsDir,
      }),
    ]);
    if (preparing.status === "fulfilled") source = preparing.value;
    // Fail closed first: a target that cannot be held read-only is the error to report.
    if (contract.status === "rejected") throw contract.reason;
    if (preparing.status === "rejected") throw preparing.reason;
    const prepared = preparing.value;
    await ctx.store.update(jobId, (current) =>
      ({ ...withPreparation(current, { target_cwd: prepared.targetCwd, snapshot_path: prepared.keptSnapshotPath, changes: prepared.changes, audit: prepared.audit }), auth_env: auth.authEnv }),
    );
    const ran = await runTarget(ctx, { record, profile, jobDir, binary, env: auth.env, input, source: prepared, marks, live }, stop);
    const own = ctx.adapter.reportsSessionCost ? await withOwnCost(ctx.store, record, ran) : ran;
    const { ending, review } = isReviewMode(record.mode) ? gateReview(own, record) : { ending: own, review: null };
    const mutations = await prepared.detectMutations();
    const changes = await prepared.captureChanges();
    return await finalizeJob(ctx.store, jobId, ending, mutations, marks, changes, { review, live });
  } catch (error) {
    // An isolated job's work is committed whatever ended it (SPEC §9.3).
    const changes = (await source?.captureChanges().catch(() => null)) ?? null;
    return finalizeJob(ctx.store, jobId, { ending: "error", error: asJobError(error) }, [], marks, changes, { live, ...(authEnv === undefined ? {} : { auth_env: authEnv }) });
  } finally {
    await source?.cleanup();
  }
}

interface RunInput {
  record: JobRecord;
  profile: ModeProfile;
  jobDir: string;
  binary: string;
  env: Record<string, string>;
  input: JobInput;
  source: PreparedSource;
  /** Filled in as the target starts and ends, for the record's timings. */
  marks: PhaseMarks;
  /** Kept current as the target reports; the terminal record carries its last state. */
  live: LiveProgress;
}

interface LiveProgress {
  progress: JobRecord["progress"];
  sessionId: string | null;
}

async function runTarget(ctx: PipelineContext, run: RunInput, stop: AbortController): Promise<Ending> {
  const { record, profile, jobDir } = run;
  const invocation = ctx.adapter.buildInvocation({
    profile,
    prompt: run.source.prompt,
    model: record.model,
    resumeSessionId: record.parent_job_id ? (record.resume_chain.at(-1) ?? null) : null,
    readableDir: run.source.snapshotDir,
    jsonSchema: run.input.jsonSchema,
    cwd: run.source.targetCwd,
    privateDir: jobDir,
  });
  const tooLarge = promptTooLarge(ctx.adapter, invocation.stdin, profile);
  if (tooLarge !== null) return { ending: "error", error: tooLarge };
  for (const file of invocation.files) await writeFile(file.path, file.content, { mode: 0o600 });
  if (hasCancelMarker(jobDir)) return { ending: "cancelled", outcome: null, exitCode: null, signal: null };
  // Targets write crash reports (Gemini: with the full request) to $TMPDIR; give each run a
  // private one that is removed with it, so no copy of the prompt outlives the job.
  const tempDir = await mkdtemp(join(tmpdir(), jobTempPrefix("target-tmp", record.job_id)));

  const { live } = run;
  const progressWriter = new ThrottledWriter<JobRecord["progress"]>(
    (value) => ctx.store.update(record.job_id, (current) => (current.status === "running" ? withProgress(current, value, live.sessionId) : null)),
    PROGRESS_INTERVAL_MS,
  );
  const markerPoll = setInterval(() => {
    if (hasCancelMarker(jobDir)) stop.abort();
  }, MARKER_POLL_MS);
  try {
    const supervised = await superviseTarget({
      binary: run.binary,
      invocation,
      cwd: run.source.targetCwd,
      env: { ...run.env, ...invocation.env, TMPDIR: tempDir, TMP: tempDir, TEMP: tempDir },
      timeoutS: record.timeout_s,
      graceMs: KILL_GRACE_MS,
      parser: ctx.adapter.createParser(),
      logs: { stdout: join(jobDir, "stdout.log"), stderr: join(jobDir, "stderr.log") },
      stop: stop.signal,
      onSpawned: async (pid) => {
        run.marks.targetStartedAt = Date.now();
        const pidInfo = await targetIdentity(pid);
        // A stale verdict reached meanwhile is terminal: only finalizeJob may overtake it.
        await ctx.store.update(record.job_id, (current) => (isActive(current.status) ? markRunning(current, pidInfo) : null));
        if (hasCancelMarker(jobDir)) stop.abort();
      },
      onLine: (info) => {
        live.sessionId = info.sessionId ?? live.sessionId;
        const next = advanceProgress(live.progress, info, new Date());
        if (next !== live.progress) {
          live.progress = next;
          progressWriter.offer(next);
        }
      },
    });
    if (supervised.outcome === "exited") run.marks.targetEndedAt = Date.now();
    if (supervised.outcome === "spawn_failed") {
      return { ending: "error", error: { error_code: supervised.errorCode, message: supervised.message, suggested_action: `Check ${ctx.adapter.binaryEnvVar} or the ${ctx.adapter.displayName} installation.` } };
    }
    const exit = { outcome: requireStructuredOutput(supervised.target, run.input.jsonSchema), exitCode: supervised.exitCode, signal: supervised.signal };
    // A cancel marker written meanwhile turns any ending into `cancelled` in finalizeJob.
    if (supervised.stopped) return { ending: "cancelled", ...exit };
    if (supervised.timedOut) return { ending: "timeout", ...exit, timeoutS: record.timeout_s };
    return { ending: "target", ...exit };
  } finally {
    clearInterval(markerPoll);
    await progressWriter.close();
    await rm(tempDir, { recursive: true, force: true });
  }
}

/**
 * The target's identity once its final image is in place. The settle budget only matters on
 * a starved machine; if the image never settles, one direct reading beats recording none,
 * which would leave `cancel` unable to stop the job.
 */
async function targetIdentity(pid: number): Promise<PidInfo | null> {
  const settled = await captureAfterExec(pid, { timeoutMs: IDENTITY_SETTLE_MS });
  const capture = settled.outcome === "capture_error" ? await captureIdentity(pid) : settled;
  return capture.outcome === "captured" ? capture.info : null;
}

/** A run asked for structured output succeeded only if it produced some (the model may answer in prose). */
export function requireStructuredOutput(outcome: TargetOutcome, jsonSchema: string | null): TargetOutcome {
  if (jsonSchema === null || outcome.outcome !== "completed" || outcome.structured_output != null) return outcome;
  return {
    ...outcome,
    outcome: "failed",
    error: {
      error_code: "parse_error",
      message: "The target answered without the structured output that --json-schema asked for.",
      suggested_action: "Retry, or run without --json-schema to get the answer as text.",
    },
  };
}

function asJobError(error: unknown): ClassifiedError {
  if (error instanceof CompanionError) {
    if (isErrorCode(error.code)) {
      return { error_code: error.code, message: error.message, suggested_action: error.suggestedAction ?? "See the error message." };
    }
  }
  if (error instanceof ScopeError) {
    return { error_code: "scope_failed", message: error.message, suggested_action: error.suggestedAction };
  }
  return {
    error_code: "spawn_failed",
    message: `The job could not be started: ${(error as Error).message ?? String(error)}`,
    suggested_action: "Check the job's worker.log and stderr.log in the state directory.",
  };
}
