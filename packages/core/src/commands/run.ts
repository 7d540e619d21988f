import { spawn } from "node:child_process";
import { EXIT, CompanionError } from "../errors/companion-error.js";
import { captureIdentity } from "../identity/capture.js";
import type { JobInput } from "../job/pipeline.js";
import { retentionPolicy } from "../job/retention-policy.js";
import { profileFor } from "../profiles/profiles.js";
import { newJobRecord, withWorker } from "../record/build.js";
import type { JobRecord } from "../record/schema.js";
import { isActive } from "../record/values.js";
import { newJobId, parseJobId } from "../store/job-id.js";
import { workspaceRootOf } from "../workspace/root.js";
import type { OperationContext } from "./context.js";
import type { InputOf } from "./input.js";
import { jobOptions, sourceFlags } from "./launch-options.js";
import type { OperationResult } from "./operation.js";

export async function runOperation(ctx: OperationContext, input: InputOf<"run">): Promise<OperationResult> {
  const { profile, cwd, scope } = sourceFlags(input, ctx.cwd);
  const { mode } = profile;
  const options = jobOptions(ctx.target, profile, input, { parent: null, env: ctx.env, cwd: ctx.cwd });
  const { prompt } = input;
  if (profile.access === "write" && prompt.trim() === "") {
    throw new CompanionError("usage_error", `${mode} needs a prompt: say what the target should do.`, { suggestedAction: `companion-${ctx.target.name} run --mode ${mode} -- "fix the failing test in …"` });
  }
  const record = newJobRecord({
    job_id: newJobId(),
    target: ctx.target.name,
    mode,
    model: options.model,
    cwd,
    workspace_root: workspaceRootOf(cwd),
    scope: scope.scope,
    scope_base: scope.base,
    scope_paths: scope.paths,
    containment: scope.containment,
    auth_mode: options.authMode,
    timeout_s: options.timeoutS,
    background: options.background,
    prompt,
    parent: null,
  });
  return launch(ctx, record, { prompt, jsonSchema: options.jsonSchema, keepSnapshot: options.keepSnapshot, includeSecrets: input.includeSecret });
}

export async function continueOperation(ctx: OperationContext, input: InputOf<"continue">): Promise<OperationResult> {
  const parent = await ctx.store.get(parseJobId(input.job));
  if (isActive(parent.status)) {
    throw new CompanionError("not_continuable", `Job ${parent.job_id} is still ${parent.status}.`, { suggestedAction: `Wait for it: companion-${ctx.target.name} wait --job ${parent.job_id}` });
  }
  if (parent.target_session_id === null) {
    throw new CompanionError("not_continuable", `Job ${parent.job_id} has no target session to resume (the target never reported one).`, { suggestedAction: "Start a new job with `run` instead." });
  }
  if (parent.containment === "worktree" && !parent.changes?.result_commit) {
    throw new CompanionError("not_continuable", `Job ${parent.job_id} ran isolated but its work was never committed, so there is nothing to build on.`, { suggestedAction: "Start a new job with `run --mode rescue --isolate` instead." });
  }
  const profile = profileFor(parent.mode);
  const options = jobOptions(ctx.target, profile, input, { parent, env: ctx.env, cwd: ctx.cwd });
  const { prompt } = input;
  if (prompt.trim() === "") throw new CompanionError("usage_error", "continue needs a follow-up prompt.");
  const record = newJobRecord({
    job_id: newJobId(),
    target: ctx.target.name,
    mode: parent.mode,
    model: options.model,
    cwd: parent.cwd,
    workspace_root: parent.workspace_root,
    scope: parent.scope,
    scope_base: parent.scope_base,
    scope_paths: parent.scope_paths,
    containment: parent.containment,
    auth_mode: options.authMode,
    timeout_s: options.timeoutS,
    background: options.background,
    prompt,
    parent,
  });
  return launch(ctx, record, { prompt, jsonSchema: options.jsonSchema, keepSnapshot: options.keepSnapshot, includeSecrets: [] });
}

async function launch(ctx: OperationContext, record: JobRecord, input: JobInput): Promise<OperationResult> {
  // Retention runs after the job; an unusable setting must fail before the job starts.
  retentionPolicy(ctx.env);
  if (record.background) return launchBackground(ctx, record, input);
  // Loaded here: the launch bundle (background runs only) leaves the foreground path out.
  return (await import("./foreground.js")).runForeground(ctx, record, input);
}

/**
 * The worker starts first and waits for its hand-off on a pipe, so the prompt never touches
 * disk. Its identity goes into the queued record, written durably before the hand-off: the
 * worker cannot act before its record exists, and a worker that dies at any point after the
 * launch is provably gone for reconcile.
 */
async function launchBackground(ctx: OperationContext, record: JobRecord, input: JobInput): Promise<OperationResult> {
  // node:child_process, not execa: the launcher is a fast path, and execa's initialisation
  // would cost it more than the spawn itself.
  const worker = spawn(process.execPath, [ctx.binPath, "__worker", "--job", record.job_id, "--state-dir", ctx.stateRoot], {
    detached: true,
    // Anything piped besides stdin would tie the launcher to the worker; the worker logs its own failures.
    stdio: ["pipe", "ignore", "ignore"],
    env: ctx.env,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once("spawn", resolve);
      worker.once("error", reject);
    });
    const identity = await captureIdentity(worker.pid as number);
    await ctx.store.create(withWorker(record, identity.outcome === "captured" ? identity.info : null));
    // Written, then closed below: the worker reads to EOF either way, and a close needs no
    // shutdown round trip through the event loop, as `end` does.
    await new Promise<void>((resolve, reject) => {
      worker.stdin.once("error", reject);
      worker.stdin.write(JSON.stringify(input), (error) => (error ? reject(error) : resolve()));
    });
  } catch (error) {
    // Still our unreaped child: nothing else can hold this pid.
    worker.kill("SIGKILL");
    if (error instanceof CompanionError) throw error;
    throw new CompanionError("spawn_failed", `Could not start the background worker: ${(error as Error).message}`, {
      suggestedAction: "Check that node can run the companion bin, then retry.",
      cause: error,
    });
  }
  worker.stdin.destroy();
  worker.unref();
  const document = {
    event: "launched",
    job_id: record.job_id,
    target: record.target,
    mode: record.mode,
    workspace_root: record.workspace_root,
    status: record.status,
  };
  return { document, exitCode: EXIT.ok, human: `launched ${record.job_id} (${record.target} ${record.mode}) in ${record.workspace_root}` };
}
