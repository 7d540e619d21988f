import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Json } from "../../support/store.js";

/**
 * The listing index as the store documents it (one JSONL log per workspace, the last line per
 * job winning, `removed` lines dropping a job, a compaction header skipped), read
 * independently of the product's code.
 */
export async function readWorkspaceLogs(stateDir: string, target: string): Promise<{ current: Map<string, Json>; problems: string[] }> {
  const dir = join(stateDir, target, "workspaces");
  const current = new Map<string, Json>();
  const problems: string[] = [];
  for (const name of await readdir(dir).catch(() => [])) {
    if (!name.endsWith(".jsonl")) {
      problems.push(`workspaces/${name}: not a workspace log`);
      continue;
    }
    for (const line of (await readFile(join(dir, name), "utf8")).split("\n").filter(Boolean)) {
      let entry: Json;
      try {
        entry = JSON.parse(line) as Json;
      } catch {
        problems.push(`workspaces/${name}: torn line`);
        continue;
      }
      // A compacted log starts with a header describing the block of lines after it.
      if (entry.compacted !== undefined) continue;
      if (entry.removed === true) current.delete(String(entry.job_id));
      else current.set(String(entry.job_id), entry);
    }
  }
  return { current, problems };
}
