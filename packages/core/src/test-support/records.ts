import { newJobRecord, type NewJob } from "../record/build.js";
import type { JobRecord } from "../record/schema.js";
import { newJobId } from "../store/job-id.js";

/** A valid queued record for tests, with any field overridden. */
export function sampleRecord(overrides: Partial<JobRecord> = {}, job: Partial<NewJob> = {}): JobRecord {
  const base = newJobRecord({
    job_id: newJobId(),
    target: "claude",
    mode: "review",
    model: null,
    cwd: "/tmp/ws",
    workspace_root: "/tmp/ws",
    scope: "working-tree",
    scope_base: null,
    scope_paths: [],
    containment: "snapshot",
    auth_mode: "subscription",
    timeout_s: 900,
    background: false,
    prompt: "look for bugs",
    parent: null,
    ...job,
  });
  return { ...base, ...overrides };
}
