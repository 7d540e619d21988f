import { writeCancelMarker } from "../cancel/marker.js";
import { EXIT } from "../errors/companion-error.js";
import { captureIdentity } from "../identity/capture.js";
import type { JobInput } from "../job/pipeline.js";
import { pruneLazily } from "../job/retention.js";
import { withWorker } from "../record/build.js";
import type { JobRecord } from "../record/schema.js";
import type { OperationContext } from "./context.js";
import type { OperationResult } from "./operation.js";
import { renderRecord } from "./render.js";
import { watchProgress } from "./watch-progress.js";

/**
 * The caller giving up (Ctrl-C or SIGTERM at the CLI, a cancelled MCP request) cancels the
 * job like `cancel` would.
 */
export async function runForeground(ctx: OperationContext, record: JobRecord, input: JobInput): Promise<OperationResult> {
  // This process is the job's worker: its identity goes into the record it creates.
  const self = await captureIdentity(process.pid);
  await ctx.store.create(withWorker(record, self.outcome === "captured" ? self.info : null));
  const stop = new AbortController();
  const onAbort = (): void => {
    void writeCancelMarker(ctx.store.jobDir(record.job_id), { force: false }).finally(() => stop.abort());
  };
  const release = ctx.onInterrupt?.(onAbort);
  const watch = ctx.onProgress ? watchProgress(ctx.store, record.job_id, ctx.onProgress) : null;
  try {
    // Loaded here: commands that never run a job (and a background launch) leave it out.
    const { executeJob } = await import("../job/pipeline.js");
    const final = await executeJob({ adapter: await ctx.loadAdapter(), store: ctx.store, env: ctx.env, companionVersion: ctx.version }, record.job_id, input, stop);
    await pruneLazily(ctx.store, ctx.env).catch(() => undefined);
    return { document: final, exitCode: final.status === "completed" ? EXIT.ok : EXIT.failed, human: renderRecord(final) };
  } finally {
    release?.();
    watch?.stop();
  }
}
