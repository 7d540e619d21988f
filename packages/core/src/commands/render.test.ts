import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { summarize } from "../record/summary.js";
import { type Listed, summariesOf, WorkspaceLog } from "../store/workspace-log.js";
import { sampleRecord } from "../test-support/records.js";
import { listingJson } from "./render.js";

describe("listingJson", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "listing-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("is the document's JSON, one job per line, whether a job came from the log, its compacted block or was read afresh", async () => {
    const log = new WorkspaceLog(join(dir, "ws.jsonl"));
    await log.append(summarize(sampleRecord({ status: "completed", prompt_head: 'quotes " and\nnewlines, ünïcode', created_at: "2026-01-01T00:00:01.000Z" })));
    await log.append(summarize(sampleRecord({ status: "failed", error_code: "timeout", created_at: "2026-01-01T00:00:02.000Z" })));
    await log.compact();
    const later = summarize(sampleRecord({ status: "completed", created_at: "2026-01-01T00:00:03.000Z" }));
    await log.append(later);
    const fromLog = await log.read();
    expect(fromLog.map((part) => ("lines" in part ? "block" : "single"))).toEqual(["single", "block"]);
    const afresh: Listed = { summary: summarize(sampleRecord({ status: "running" })), line: null };
    const parts = [afresh, ...fromLog];
    const document = { ok: true, target: "claude", workspace_root: "/w", jobs: summariesOf(parts), problems: [{ job_id: "x", error: "corrupt record: y" }] };
    const text = listingJson(document, parts);
    expect(JSON.parse(text)).toEqual(document);
    const lines = text.split("\n");
    expect(document.jobs).toHaveLength(4);
    for (const job of document.jobs) expect(lines.filter((line) => line.includes(job.job_id))).toHaveLength(1);
    expect(text.startsWith('{\n  "ok": true,\n  "target": "claude",')).toBe(true);
    // The log's lines, as they are.
    const logLines = (await readFile(log.path, "utf8")).trim().split("\n").slice(1);
    for (const line of logLines) expect(text).toContain(`    ${line}`);
  });

  it("prints an empty listing as JSON.stringify does", () => {
    const document = { ok: true, target: "gemini", workspace_root: null, jobs: [], problems: [] };
    expect(listingJson(document, [])).toBe(JSON.stringify(document, null, 2));
  });
});
