import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Target } from "../../support/companion.js";
import type { Json } from "../../support/store.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Temp files (write-file-atomic's `record.json.<n>`, the marker's `.cancel-requested.*.tmp`), locks and markers. */
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
  const indexed: string[] = [];
  const workspaces = join(root, "workspaces");
  for (const key of await readdir(workspaces)) {
    if (!(await stat(join(workspaces, key))).isDirectory()) problems.push(`workspaces/${key}: not a directory`);
    else indexed.push(...(await readdir(join(workspaces, key))));
  }
  for (const id of indexed) if (!records.has(id)) problems.push(`workspaces: ${id} has no record`);
  for (const id of records.keys()) if (indexed.filter((entry) => entry === id).length !== 1) problems.push(`workspaces: ${id} indexed ${indexed.filter((e) => e === id).length} times`);
  for (const entry of await readdir(root)) if (LEFTOVER.test(entry)) problems.push(`${entry}: leftover`);
  return { records, indexed, problems };
}
