import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { watchTree } from "../mutations/watch.js";
import type { ModeProfile } from "../profiles/profiles.js";
import { buildFollowUpPrompt } from "../prompts/follow-up.js";
import { buildReviewPrompt } from "../prompts/review-prompt.js";
import { isReviewMode } from "../prompts/templates.js";
import type { Changes, JobRecord, Mutation } from "../record/schema.js";
import { selectScope } from "../scope/select.js";
import { createSnapshot } from "../snapshot/snapshot.js";
import { jobTempPrefix } from "../store/temp-dirs.js";
import { prepareIsolated } from "./isolated-source.js";

/** What the target gets to see, and how to clean up after it. */
export interface PreparedSource {
  prompt: string;
  /** The directory the target may read (the snapshot), or null when uncontained. */
  snapshotDir: string | null;
  /** Recorded only when the user asked to keep the snapshot. */
  keptSnapshotPath: string | null;
  targetCwd: string;
  /** An isolated run's starting point (its result still null); null otherwise. */
  changes: Changes | null;
  detectMutations(): Promise<Mutation[]>;
  /** An isolated run's work, committed on its result ref; null for other runs. */
  captureChanges(): Promise<Changes | null>;
  cleanup(): Promise<void>;
}

export interface SourceRequest {
  record: JobRecord;
  profile: ModeProfile;
  userPrompt: string;
  keepSnapshot: boolean;
  /** Parent of the neutral per-chain working directories of contained runs. */
  chainsDir: string;
}

export async function prepareSource(request: SourceRequest): Promise<PreparedSource> {
  const { record } = request;
  if (record.containment === "none") {
    return {
      prompt: request.userPrompt,
      snapshotDir: null,
      keptSnapshotPath: null,
      targetCwd: record.cwd,
      changes: null,
      detectMutations: async () => [],
      captureChanges: async () => null,
      cleanup: async () => undefined,
    };
  }
  // One worktree path per chain, reused by each continuation once the previous one is
  // gone: targets that key sessions by cwd (Gemini) resume the chain there.
  if (record.containment === "worktree") return prepareIsolated(record, request.userPrompt, record.target_cwd ?? join(request.chainsDir, record.job_id));
  if (!isReviewMode(record.mode)) throw new Error(`${record.mode} cannot run contained`);
  // Independent reads of the user's tree: their git processes run side by side.
  const [selection, watch] = await Promise.all([
    selectScope({ cwd: record.cwd, scope: record.scope, base: record.scope_base, paths: record.scope_paths }),
    request.profile.detectMutations ? watchTree(record.workspace_root, { skip: [dirname(request.chainsDir)] }) : null,
  ]);
  const snapshot = await createSnapshot(selection, { prefix: jobTempPrefix("snapshot", record.job_id) });
  const prompt = record.parent_job_id
    ? buildFollowUpPrompt({ snapshotDir: snapshot.dir, followUp: request.userPrompt })
    : buildReviewPrompt({
        mode: record.mode,
        selection,
        snapshotDir: snapshot.dir,
        focus: request.userPrompt,
        readFile: (path) => readFileSync(join(snapshot.dir, path)),
      });
  // A stable, empty working directory per chain keeps the user's project instructions out
  // of context and lets targets that key sessions by cwd (Gemini) resume the chain.
  const targetCwd = record.target_cwd ?? join(request.chainsDir, record.job_id);
  await mkdir(targetCwd, { recursive: true, mode: 0o700 });
  return {
    prompt,
    snapshotDir: snapshot.dir,
    keptSnapshotPath: request.keepSnapshot ? snapshot.dir : null,
    targetCwd,
    changes: null,
    detectMutations: async () => (watch === null ? [] : watch.changes()),
    captureChanges: async () => null,
    cleanup: async () => (request.keepSnapshot ? undefined : snapshot.cleanup()),
  };
}
