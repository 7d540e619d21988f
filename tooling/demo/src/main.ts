/**
 * The README's main command: a real read-only review of a small sample repository through
 * `companion-claude` and `companion-gemini`, each driving its pinned real CLI against the
 * scripted model server on loopback; then the same through a host agent: Codex with our
 * plugin asks the companion-gemini MCP server for a review and reads it back. Prints the
 * JobRecords, what came back to Codex, and a summary; exits 0 only when every review
 * completed and the ignored secret never reached the server.
 */
import { rm } from "node:fs/promises";
import { createModelServer } from "@agent-companion/model-server";
import { HOST_ANSWER, runHostHop, type HostHop } from "./host-hop.js";
import type { Target } from "@agent-companion/real-cli";
import { REVIEW_PROMPT, reviewScript } from "./review-script.js";
import { runReview, type ReviewRun } from "./run-review.js";
import { createSampleRepo } from "./sample-repo.js";
import { completed, summaryLine } from "./summary.js";

const TARGETS: readonly Target[] = ["claude", "gemini"];

function printHop(hop: HostHop): void {
  console.log("\n=== codex exec with the companion-gemini plugin: what came back to Codex ===");
  if (hop.calls.length === 0) console.log(`(no MCP tool call; stderr follows)\n${hop.stderr}`);
  for (const call of hop.calls) console.log(`--- MCP tool ${call.tool} (${call.status})\n${JSON.stringify(call.structured, null, 2)}`);
  console.log(`--- Codex's answer\n${hop.answer ?? "(none)"}`);
}

const hopCompleted = (hop: HostHop): boolean =>
  hop.exitCode === 0 && hop.answer === HOST_ANSWER && (hop.calls.at(-1)?.structured as { status?: string } | null)?.status === "completed";

function printRecord(run: ReviewRun): void {
  console.log(`\n=== companion-${run.target} run --mode review: JobRecord ===`);
  console.log(run.record ? JSON.stringify(run.record, null, 2) : `(no JobRecord; stderr follows)\n${run.stderr}`);
}

async function main(): Promise<number> {
  const started = performance.now();
  const repo = await createSampleRepo();
  const server = await createModelServer({ script: reviewScript });
  try {
    console.error(`sample repository: ${repo.root} (dirty src/cart.ts, untracked test/cart.test.ts, ignored .env)`);
    console.error(`scripted model server: ${server.url}`);
    const runs: ReviewRun[] = [];
    // One after the other: each CLI's requests are then easy to tell apart in the log.
    for (const target of TARGETS) {
      console.error(`running companion-${target} review through the real ${target} CLI…`);
      runs.push(await runReview(target, server.url, repo.root, REVIEW_PROMPT));
    }
    console.error("running codex exec, which asks the companion-gemini MCP server for a review…");
    const hop = await runHostHop(server, repo.root);
    runs.forEach(printRecord);
    printHop(hop);
    const leaked = JSON.stringify(server.requests()).includes(repo.secret);
    console.log("\n=== summary ===");
    runs.forEach((run) => console.log(summaryLine(run)));
    const hopJob = hop.calls.at(-1)?.structured as { job_id?: string; status?: string } | null;
    console.log(`codex → companion-gemini mcp: ${hopCompleted(hop) ? `tools ${hop.calls.map((c) => c.tool).join(" → ")}, job ${hopJob?.job_id} ${hopJob?.status}` : `FAILED (exit ${hop.exitCode})`}`);
    // The CLIs' only endpoint was the server (sandbox environment), so its log is all they sent.
    console.log(`requests the scripted server answered: ${server.requests().length} (${server.url})`);
    console.log(`ignored .env secret in any request: ${leaked ? "YES (LEAKED)" : "no"}`);
    console.log(`time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return runs.every(completed) && hopCompleted(hop) && !leaked ? 0 : 1;
  } finally {
    await server.close();
    await rm(repo.root, { recursive: true, force: true });
  }
}

process.exitCode = await main();
