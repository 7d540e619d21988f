import { writeCancelMarker } from "../cancel/marker.js";
import { EXIT } from "../errors/companion-error.js";
import { captureIdentity } from "../identity/capture.js";
import type { JobInput } from "../job/pipeline.js";
import { pruneLazily } from "../job/retention.js";
import { withWorker } from "../record/build.js";
import type { JobRecord } from "../record/schema.js";
import type { CommandOutput } from "../cli/output.js";
import type { CommandContext } from "./context.js";
import { renderRecord } from "./render.js";

/** Ctrl-C (or SIGTERM) on a foreground run cancels the job like `cancel` would. */
export async function runForeground(ctx: CommandContext, record: JobRecord, input: JobInput): Promise<CommandOutput> {
  // This process is the job's worker: its identity goes into the record it creates.
  const self = await captureIdentity(process.pid);
  await ctx.store.create(withWorker(record, self.outcome === "captured" ? self.info : null));
  const stop = new AbortController();
  const onSignal = (): void => {
    void writeCancelMarker(ctx.store.jobDir(record.job_id), { force: false }).finally(() => stop.abort());
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    // Loaded here: commands that never run a job (and a background launch) leave it out.
    const { executeJob } = await import("../job/pipeline.js");
    const final = await executeJob({ adapter: await ctx.loadAdapter(), store: ctx.store, env: ctx.env }, record.job_id, input, stop);
    await pruneLazily(ctx.store, ctx.env).catch(() => undefined);
    return { document: final, exitCode: final.status === "completed" ? EXIT.ok : EXIT.failed, human: renderRecord(final) };
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
