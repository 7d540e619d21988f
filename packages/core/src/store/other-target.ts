import { existsSync } from "node:fs";
import { join } from "node:path";
import type { TargetName } from "../record/schema.js";
import { TARGET_NAMES } from "../record/values.js";

/**
 * The other target whose store under the same state root holds a record for `jobId`, or
 * null. Stores never share records (SPEC §6.1), so this only says where to look instead.
 */
export function otherTargetHolding(stateRoot: string, target: TargetName, jobId: string): TargetName | null {
  return TARGET_NAMES.find((other) => other !== target && existsSync(join(stateRoot, other, "jobs", jobId, "record.json"))) ?? null;
}
