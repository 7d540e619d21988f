import { cancelJob } from "../cancel/cancel-job.js";
import { cancelEnvelope } from "../cancel/outcome.js";
import { parseJobId } from "../store/job-id.js";
import { type ParsedCommand, requiredFlag } from "../cli/args.js";
import type { CommandOutput } from "../cli/output.js";
import type { CommandContext } from "./context.js";

export async function cancelCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<CommandOutput> {
  const jobId = parseJobId(requiredFlag(parsed, "job"));
  const { outcome, settled } = await cancelJob(ctx.store, jobId, { force: parsed.values.force === true });
  const { envelope, exit_code } = cancelEnvelope(jobId, outcome);
  const document = settled ? { ...envelope, job_status: settled.status } : envelope;
  if (!envelope.ok) process.stderr.write(`cancel: ${String(envelope.message ?? outcome.outcome)}\n`);
  const human = `${jobId}: ${outcome.outcome}${settled ? ` (job ${settled.status})` : ""}${envelope.ok ? "" : ` — ${String(envelope.message)}`}`;
  return { document, exitCode: exit_code, human };
}
