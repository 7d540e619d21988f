/** The few lines a person reads after the JobRecords. */
import type { ReviewRun } from "./run-review.js";

const verdictOf = (result: unknown): string =>
  typeof result === "string" ? (result.match(/^VERDICT:\s*(\S+)/m)?.[1] ?? "(no verdict line)") : "(no result)";

const tokensOf = (usage: unknown): string => {
  const { input_tokens: input, output_tokens: output } = (usage ?? {}) as { input_tokens?: number; output_tokens?: number };
  return `${input ?? "?"} in / ${output ?? "?"} out`;
};

export const completed = (run: ReviewRun): boolean => run.exitCode === 0 && run.record?.["status"] === "completed";

export function summaryLine(run: ReviewRun): string {
  const record = run.record ?? {};
  if (!completed(run)) return `${run.target}: FAILED (${String(record["error_code"] ?? `exit ${run.exitCode}`)}) ${String(record["error_message"] ?? run.stderr.trim().split("\n").at(-1) ?? "")}`;
  return `${run.target}: ${String(record["status"])}, verdict ${verdictOf(record["result"])}, tokens ${tokensOf(record["usage"])}, session ${String(record["target_session_id"])}`;
}
