import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { readWorkspaceLogs } from "./workspace-logs.js";
import type { Target } from "../../support/companion.js";
import type { Json } from "../../support/store.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Temp files (the atomic record write's `record.json.<pid>.<n>`, the marker's `.cancel-requested.*.tmp`), locks and markers. */
const LEFTOVER = /(^record\.json\..+)|(\.tmp$)|(\.lock$)|(^cancel-requested$)/;

export interface StoreAudit {
  /** Every record found, by job id. */
  records: Map<string, Json>;
  /** Job ids listed in the workspace index. */
  indexed: string[];
  /** Everything wrong: torn or foreign records, leftovers, index mismatches. */
  problems: string[];
}

/** Reads one target's store the way an outside auditor would, trusting nothing. */
export async function auditStore(stateDir: string, target: Target): Promise<StoreAudit> {
  const root = join(stateDir, target);
  const problems: string[] = [];
  const records = new Map<string, Json>();
  for (const name of await readdir(join(root, "jobs"))) {
    if (!UUID_V4.test(name)) {
      problems.push(`jobs/${name}: not a job directory`);
      continue;
    }
    const dir = join(root, "jobs", name);
    for (const file of await readdir(dir)) if (LEFTOVER.test(file)) problems.push(`jobs/${name}/${file}: leftover`);
    try {
      const record = JSON.parse(await readFile(join(dir, "record.json"), "utf8")) as Json;
      if (record.job_id !== name) problems.push(`jobs/${name}: record names ${String(record.job_id)}`);
      if (records.has(name)) problems.push(`jobs/${name}: duplicate`);
      records.set(name, record);
    } catch (error) {
      problems.push(`jobs/${name}/record.json: ${(error as Error).message}`);
    }
  }
  const logs = await readWorkspaceLogs(stateDir, target);
  problems.push(...logs.problems);
  const indexed = [...logs.current.keys()];
  for (const [id, summary] of logs.current) {
    const record = records.get(id);
    if (!record) problems.push(`workspaces: ${id} has no record`);
    else if (summary.status !== record.status) problems.push(`workspaces: ${id} listed as ${String(summary.status)}, record says ${String(record.status)}`);
  }
  for (const id of records.keys()) if (!logs.current.has(id)) problems.push(`workspaces: ${id} is not listed`);
  for (const entry of await readdir(root)) if (LEFTOVER.test(entry)) problems.push(`${entry}: leftover`);
  return { records, indexed, problems };
}
