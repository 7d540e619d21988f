import { createHash, randomUUID } from "node:crypto";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type JobRecord, summarize } from "@agent-companion/core";

/**
 * Fills a store with `count` copies of a real terminal record (new ids, spread over time),
 * written straight into the store layout (records and the workspace log): building 10,000 jobs through the CLI would take
 * minutes and measure nothing more.
 */
export async function retainJobs(stateDir: string, templateId: string, count: number): Promise<void> {
  const root = join(stateDir, "claude");
  const template = JSON.parse(await readFile(join(root, "jobs", templateId, "record.json"), "utf8")) as Record<string, unknown>;
  const log = join(root, "workspaces", `${createHash("sha256").update(String(template.workspace_root)).digest("hex").slice(0, 32)}.jsonl`);
  const lines: string[] = [];
  const base = Date.parse(String(template.created_at));
  for (let i = 0; i < count; i++) {
    const jobId = randomUUID();
    const at = new Date(base - (i + 1) * 1000).toISOString();
    const dir = join(root, "jobs", jobId);
    await mkdir(dir, { mode: 0o700 });
    const record = { ...template, job_id: jobId, created_at: at, ended_at: at };
    await writeFile(join(dir, "record.json"), JSON.stringify(record, null, 2), { mode: 0o600 });
    lines.push(JSON.stringify(summarize(record as unknown as JobRecord)));
  }
  await appendFile(log, `${lines.join("\n")}\n`, { mode: 0o600 });
}
