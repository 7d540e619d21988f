/**
 * The slash commands of the Claude Code plugins and Gemini CLI extensions, written once.
 * `body` receives how the host spells the user's arguments (`$ARGUMENTS`, `{{args}}`).
 */
import { WAIT_SECONDS } from "./guide.js";
import type { TargetSource } from "./targets.js";

export type ToolName = "run" | "continue" | "status" | "result" | "wait" | "cancel" | "preflight" | "doctor" | "apply";

export interface CommandSource {
  readonly name: string;
  readonly description: (t: TargetSource) => string;
  readonly argumentHint: string;
  /** The MCP tools the command uses (Claude Code pre-approves exactly these). */
  readonly tools: readonly ToolName[];
  readonly body: (t: TargetSource, args: string) => string;
}

const loop = (t: TargetSource): string =>
  `Then call \`wait\` with the \`job_id\` and \`timeout_s: ${WAIT_SECONDS}\`, again for as long as it answers \`timed_out: true\` ` +
  `(tell the user the job is still running and what its \`progress\` says), then \`result\` with the \`job_id\`. ` +
  `If the ${t.bin} tools are missing, tell the user to run \`npm install -g ${t.bin}\`.`;

const reviewReport =
  "Report the verdict (`review.verdict`) and every finding (severity, file:line, title, detail) in your own words, " +
  "most severe first. Do not change any file because of the review unless the user asks.";

function reviewCommand(name: string, mode: string, what: string, hint: string): CommandSource {
  return {
    name,
    description: (t) => `${t.product} ${what} (read-only, on a snapshot)`,
    argumentHint: hint,
    tools: ["run", "wait", "result", "preflight"],
    body: (t, args) =>
      `Ask ${t.product} for a ${what} through the ${t.bin} MCP server.\n\n` +
      `Call \`run\` with \`mode: "${mode}"\`${mode === "adversarial-review" ? ' (and `base` if the user named a base branch)' : ""} ` +
      `and \`prompt\` set to the user's focus below (or "Review these changes." when there is none). ` +
      `The review is read-only: ${t.product} cannot change any file, and secret-looking files are withheld.\n\n` +
      `${loop(t)}\n\n${reviewReport}\n\nUser's focus: ${args}\n`,
  };
}

export const COMMANDS: readonly CommandSource[] = [
  reviewCommand("review", "review", "review of the uncommitted changes", "[focus]"),
  reviewCommand("adversarial-review", "adversarial-review", "adversarial review of this branch", "[base branch] [focus]"),
  {
    name: "rescue",
    description: (t) => `Hand a task to ${t.product} in the background (it may edit files)`,
    argumentHint: "<task>",
    tools: ["run", "wait", "result", "status", "apply"],
    body: (t, args) =>
      `Hand this task to ${t.product} through the ${t.bin} MCP server.\n\n` +
      `Call \`run\` with \`mode: "rescue"\` and \`prompt\` set to the task below, written so that someone ` +
      `without this conversation can do it. A rescue may edit the user's working tree; if the user wants their ` +
      `tree untouched, pass \`isolate: true\` and later offer \`apply\` (with \`dry_run: true\` first) to bring the ` +
      `changes in. Tell the user the \`job_id\`.\n\n${loop(t)}\n\n` +
      `Summarise what ${t.product} did and which files changed (\`mutations\`, or \`changes\` for an isolated job).\n\nTask: ${args}\n`,
  },
  {
    name: "status",
    description: (t) => `Show ${t.product} jobs of this workspace, or one job`,
    argumentHint: "[job_id]",
    tools: ["status"],
    body: (t, args) =>
      `Call the ${t.bin} \`status\` tool: with \`job_id\` when one is given below, else with \`all: true\` for ` +
      `the jobs of this workspace. Show each job's id, mode, status and age; for an active job, its progress.\n\n` +
      `Job: ${args}\n`,
  },
  {
    name: "result",
    description: (t) => `Show the result of a finished ${t.product} job`,
    argumentHint: "<job_id>",
    tools: ["result", "wait"],
    body: (t, args) =>
      `Call the ${t.bin} \`result\` tool with the \`job_id\` below. If the job is still running, call \`wait\` ` +
      `with \`timeout_s: ${WAIT_SECONDS}\` first (again while it answers \`timed_out: true\`). Show the status, ` +
      `the answer (for a review: verdict and findings), and for a failed job its \`error_code\` and ` +
      `\`suggested_action\`.\n\nJob: ${args}\n`,
  },
  {
    name: "cancel",
    description: (t) => `Cancel a running ${t.product} job`,
    argumentHint: "<job_id>",
    tools: ["cancel", "status"],
    body: (t, args) =>
      `Call the ${t.bin} \`cancel\` tool with the \`job_id\` below (\`force: true\` only if the user asked to ` +
      `force it). Report the \`outcome\`; if the job could not be stopped safely, say why.\n\nJob: ${args}\n`,
  },
];
