import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { summarize } from "../record/summary.js";
import { WorkspaceLog } from "../store/workspace-log.js";
import { sampleRecord } from "../test-support/records.js";
import { listingJson } from "./render.js";

describe("listingJson", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "listing-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("is the document's JSON, one job per line, whether a job came from the log or was read afresh", async () => {
    const log = new WorkspaceLog(join(dir, "ws.jsonl"));
    await log.append(summarize(sampleRecord({ status: "completed", prompt_head: 'quotes " and\nnewlines, ünïcode' })));
    await log.append(summarize(sampleRecord({ status: "failed", error_code: "timeout" })));
    const fromLog = await log.read();
    const afresh = summarize(sampleRecord({ status: "running" }));
    const jobs = [afresh, ...fromLog.map((job) => job.summary)];
    const document = { ok: true, target: "claude", workspace_root: "/w", jobs, problems: [{ job_id: "x", error: "corrupt record: y" }] };
    const text = listingJson(document, [null, ...fromLog.map((job) => job.line)]);
    expect(JSON.parse(text)).toEqual(document);
    const lines = text.split("\n");
    for (const job of document.jobs) expect(lines.filter((line) => line.includes(job.job_id))).toHaveLength(1);
    expect(text.startsWith('{\n  "ok": true,\n  "target": "claude",')).toBe(true);
    // The log's lines, as they are.
    for (const { line } of fromLog) expect(text).toContain(`    ${line}`);
  });

  it("prints an empty listing as JSON.stringify does", () => {
    const document = { ok: true, target: "gemini", workspace_root: null, jobs: [], problems: [] };
    expect(listingJson(document)).toBe(JSON.stringify(document, null, 2));
  });
});
