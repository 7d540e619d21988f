/**
 * What every host is taught, written once: the job loop, what reviews may and may not do,
 * rescue, and what to say when the bin is missing. Rendered into Codex and Claude Code
 * skills, the Claude Code agent and the Gemini CLI context file.
 */
import type { TargetSource } from "./targets.js";

/** The longest `wait` a host should ask for: under the usual 60 s tool timeout of hosts. */
export const WAIT_SECONDS = 45;

export function missingBin(t: TargetSource): string {
  return [
    `If the \`${t.bin}\` tools are not available, or the \`${t.bin}\` MCP server failed to start, the`,
    `\`${t.bin}\` command is not installed on this machine. Tell the user to install it with`,
    `\`npm install -g ${t.bin}\` (Node.js 20.19 or newer), check it with \`${t.bin} doctor\`, and restart`,
    `this session. Never look for it inside a source checkout.`,
  ].join("\n");
}

export function jobLoop(t: TargetSource): string {
  return `## The job loop

Every piece of work is a **job** with a \`job_id\` and a durable JSON record (the JobRecord).
The \`${t.bin}\` MCP server (the \`${t.bin} mcp\` command) gives you these tools:

- \`run\` starts a job: \`mode\` (\`review\`, \`adversarial-review\`, \`custom-review\`, \`rescue\`),
  \`prompt\`, and optionally \`cwd\`, \`base\`, \`paths\`, \`model\`, \`timeout_s\`, \`isolate\`. It runs in the
  **background** by default and answers at once with the \`job_id\`.
- \`wait\` with \`job_id\` and \`timeout_s\` (at most ${WAIT_SECONDS}): blocks until the job ends or the time
  is up. Keep every call shorter than your own tool-call timeout (usually 60 s). An answer with
  \`timed_out: true\` is not an error: the job is still working (its \`progress\` says what it is
  doing); call \`wait\` again.
- \`result\` with \`job_id\`: the final JobRecord (\`status\`, \`result\` text, \`review\`, \`error_code\`,
  \`suggested_action\`, \`usage\`). Read the result this way once the job has ended.
- \`status\` with \`job_id\` (one job), or with \`cwd\` and \`all\` (the jobs of a workspace).
- \`continue\` with \`job_id\` and \`prompt\`: a follow-up in the same ${t.product} session (for example
  "now add a test", or "give the verdict"). It is a new job with its own \`job_id\`.
- \`cancel\` with \`job_id\`: stops the job safely. \`force: true\` only when the user asks for it.
- \`preflight\` with \`mode\` (and \`base\` / \`paths\`): lists exactly which files a review would send,
  and which it withholds, without starting anything.
- \`doctor\`: checks that ${t.product} is installed, recent enough and signed in.

So: **run (background) → wait, again while \`timed_out\` → result**; then \`continue\` to follow
up, or \`cancel\` to stop. A job that ended \`failed\` or \`cancelled\` is an answer: report its
\`error_code\` and \`suggested_action\` to the user instead of retrying blindly. Jobs outlive this
session: the user can follow them with \`${t.bin} status\`, \`${t.bin} wait --job ID\` and
\`${t.bin} result --job ID\` in a terminal.`;
}

export function reviewRules(t: TargetSource): string {
  return `## Reviews (read-only)

- \`review\`: the uncommitted changes of the working tree. \`adversarial-review\`: the current branch
  against \`base\` (default: the repository's default branch), challenged hard.
  \`custom-review\`: the files matching \`paths\` (globs).
- A review **cannot change anything**: ${t.product} works on a private snapshot of the selected
  files with its write and shell tools removed. Files that look like secrets (\`.env\`, keys,
  tokens) and ignored files are withheld; the record's \`audit.excluded\` lists them. Only the user
  can send one, from a terminal, with \`${t.bin} run --include-secret PATH\`.
- Call \`preflight\` first when the user wants to know what will be sent.
- The JobRecord's \`review\` holds \`verdict\` (\`approve\` or \`request_changes\`) and \`findings\`
  (\`severity\`, \`file\`, \`line\`, \`title\`, \`detail\`). Report them to the user; do not apply
  them without being asked. A job that failed with \`review_incomplete\` answered without a
  verdict: \`continue\` it asking for one.`;
}

export function rescueRules(t: TargetSource): string {
  return `## Rescue (may write)

- \`rescue\` hands ${t.product} a task (a failing test, a bug, a refactor) with write access to the
  user's live working tree. Say so before you start one.
- With \`isolate: true\` it works in a private git worktree instead and the user's tree stays
  untouched; the record's \`changes\` lists the files it changed. \`apply\` with \`job_id\` (first with
  \`dry_run: true\`) brings them in as uncommitted edits; on \`apply_conflict\` nothing was changed.
- Rescues default to a 60-minute deadline: keep waiting in short \`wait\` calls, and tell the
  user the \`job_id\` so they can follow it too.`;
}

/** The whole guide: the body of the skills' references and of the Gemini context file. */
export function fullGuide(t: TargetSource): string {
  return [
    `# ${t.bin}: ${t.product} as a second agent`,
    `\`${t.bin}\` drives ${t.product} (\`${t.vendorCli}\`) headlessly as jobs: second-opinion reviews that`,
    `cannot change anything, and rescue tasks that may write.`,
    missingBin(t),
    jobLoop(t),
    reviewRules(t),
    rescueRules(t),
  ].join("\n\n");
}
