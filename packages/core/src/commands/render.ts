import type { JobRecord, JobSummary } from "../record/schema.js";
import type { ListingPart } from "../store/workspace-log.js";
import { SEVERITIES } from "../record/values.js";

/** --human text for one record. */
export function renderRecord(record: JobRecord): string {
  const lines = [
    `job ${record.job_id}  ${record.status}  (${record.target} ${record.mode}${record.background ? ", background" : ""})`,
    `  workspace  ${record.workspace_root}`,
    `  created    ${record.created_at}${record.ended_at ? `   ended ${record.ended_at}` : ""}`,
  ];
  if (record.target_session_id) lines.push(`  session    ${record.target_session_id}`);
  if (record.error_code) {
    lines.push(`  error      ${record.error_code}: ${record.error_message ?? ""}`);
    if (record.suggested_action) lines.push(`  next       ${record.suggested_action}`);
  }
  if (record.status === "running" || record.status === "queued") {
    lines.push(`  progress   ${record.progress.events} events, ${record.progress.tool_calls} tool calls`);
  }
  if (record.usage.total_tokens !== null) {
    lines.push(`  usage      ${record.usage.total_tokens} tokens${record.cost_usd !== null ? `, $${record.cost_usd.toFixed(4)} (${record.cost_source})` : ""}`);
  }
  for (const denial of record.permission_denials) lines.push(`  denied     ${denial.tool_name}${denial.detail ? ` ${denial.detail}` : ""}`);
  for (const mutation of record.mutations) {
    lines.push(mutation.kind === "changed" ? `  MUTATION   ${mutation.entry}` : `  mutation detection failed: ${mutation.reason}`);
  }
  lines.push(...renderReview(record));
  if (record.changes !== null) lines.push(...renderChanges(record));
  if (record.result) lines.push("", record.result);
  return lines.join("\n");
}

/** A review for people: the verdict, findings by severity with file:line, then what was withheld. */
function renderReview(record: JobRecord): string[] {
  const lines: string[] = [];
  if (record.review !== null) {
    const { verdict, findings, summary } = record.review;
    lines.push("", `VERDICT: ${verdict === null ? "none (the answer gave no verdict)" : verdict.toUpperCase()}`);
    if (summary) lines.push(summary);
    for (const severity of SEVERITIES) {
      const group = findings.filter((finding) => finding.severity === severity);
      if (group.length === 0) continue;
      lines.push("", `${severity.toUpperCase()} (${group.length})`);
      for (const finding of group) {
        const where = finding.file === null ? "" : `${finding.file}${finding.line === null ? "" : `:${finding.line}`}  `;
        lines.push(`  ${where}${finding.title}${finding.detail ? ` — ${finding.detail}` : ""}`);
      }
    }
  }
  if (record.audit !== null && record.audit.excluded.length > 0) {
    lines.push("", `withheld (${record.audit.excluded.length}, never sent)`, ...record.audit.excluded.map((item) => `  ${item.path}  ${item.reason}`));
  }
  return lines;
}

function renderChanges(record: JobRecord): string[] {
  const { changes } = record;
  if (changes === null) return [];
  if (changes.result_commit === null) return [`  isolated   base ${changes.base_commit.slice(0, 12)}, work not captured`];
  const state = record.applied_at ? `applied ${record.applied_at}` : `not applied: companion-${record.target} apply --job ${record.job_id}`;
  const files = changes.files.map((file) => `    ${file.status.padEnd(8)} ${file.path}  (+${file.insertions} -${file.deletions})`);
  return [`  changes    ${changes.files.length} file(s), ${state}`, ...files];
}

export function renderSummaries(workspace: string | null, jobs: readonly JobSummary[], problems: readonly { job_id: string; error: string }[]): string {
  const header = workspace === null ? "all workspaces" : workspace;
  const rows = jobs.map((job) => `${job.job_id}  ${job.status.padEnd(9)}  ${job.mode.padEnd(18)}  ${job.created_at}  ${job.prompt_head.replace(/\s+/g, " ").slice(0, 40)}`);
  const broken = problems.map((problem) => `${problem.job_id}  unreadable: ${problem.error}`);
  return [`${jobs.length} job(s) in ${header}`, ...rows, ...broken].join("\n");
}

/** Between two jobs of a listing as the CLI prints it. */
const JOB_SEPARATOR = ",\n    ";

/**
 * A listing as the CLI prints it: `JSON.stringify(document, null, 2)`, except that each job
 * is one line, the workspace log's own line where there is one, so a listing of 10,000 jobs
 * serialises none of them again (SPEC §10). The jobs come from `parts` (the document's own
 * `jobs` is not read: it may parse them).
 */
export function listingJson(document: { readonly jobs: readonly JobSummary[] }, parts: readonly ListingPart[]): string {
  const lines = parts.map((part) => ("lines" in part ? part.lines.replaceAll("\n", JOB_SEPARATOR) : (part.line ?? JSON.stringify(part.summary))));
  const jobs = lines.length === 0 ? "[]" : `[\n    ${lines.join(JOB_SEPARATOR)}\n  ]`;
  const fields = Object.keys(document).map((key) => {
    const value = key === "jobs" ? jobs : JSON.stringify(document[key as keyof typeof document], null, 2).replaceAll("\n", "\n  ");
    return `  ${JSON.stringify(key)}: ${value}`;
  });
  return `{\n${fields.join(",\n")}\n}`;
}
