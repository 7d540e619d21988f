import { setTimeout as sleep } from "node:timers/promises";
import { EXIT } from "../errors/companion-error.js";
import { reconcile } from "../job/reconcile.js";
import { StatusLine, statusViewOf } from "../job/status-line.js";
import { isActive } from "../record/schema.js";
import { parseJobId } from "../store/job-id.js";
import { type ParsedCommand, requiredFlag, secondsFlag } from "../cli/args.js";
import type { CommandOutput } from "../cli/output.js";
import type { CommandContext } from "./context.js";
import { renderRecord } from "./render.js";

const POLL_MS = 200;

export async function waitCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<CommandOutput> {
  const jobId = parseJobId(requiredFlag(parsed, "job"));
  const timeoutS = secondsFlag(parsed, "timeout");
  const deadline = timeoutS === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutS * 1000;
  const line = new StatusLine(process.stderr);
  for (;;) {
    const record = await reconcile(ctx.store, await ctx.store.get(jobId));
    if (!isActive(record.status)) {
      line.end();
      return { document: record, exitCode: record.status === "completed" ? EXIT.ok : EXIT.failed, human: renderRecord(record) };
    }
    line.show(statusViewOf(record));
    if (Date.now() >= deadline) {
      line.end();
      process.stderr.write(`wait: --timeout ${timeoutS} s elapsed; job ${jobId} is still ${record.status}\n`);
      return { document: record, exitCode: EXIT.waitTimeout, human: renderRecord(record) };
    }
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
  }
}
