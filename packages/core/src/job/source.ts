import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { watchTree } from "../mutations/watch.js";
import type { ModeProfile } from "../profiles/profiles.js";
import { buildFollowUpPrompt } from "../prompts/follow-up.js";
import { buildReviewPrompt } from "../prompts/review-prompt.js";
import { isReviewMode } from "../prompts/templates.js";
import type { Audit, Changes, JobRecord, Mutation } from "../record/schema.js";
import { auditOf } from "../scope/describe.js";
import { earlierVersions } from "../scope/earlier.js";
import { selectScopeReading } from "../scope/select.js";
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
  /** What a contained review lets the target see (null when uncontained). */
  audit: Audit | null;
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
  /** Exact paths the user sends although they look secret (--include-secret). */
  includeSecrets: readonly string[];
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
      audit: null,
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
  const skip = [dirname(request.chainsDir)];
  // A working-tree selection in git reads the very `git status` the mutation baseline needs
  // and hands it over; any other selection runs beside a baseline of its own.
  const sharesStatus = record.scope === "working-tree" && existsSync(join(record.workspace_root, ".git"));
  const [{ selection, gitStatus }, ownWatch] = await Promise.all([
    selectScopeReading({ cwd: record.cwd, scope: record.scope, base: record.scope_base, paths: record.scope_paths, includeSecrets: request.includeSecrets }),
    request.profile.detectMutations && !sharesStatus ? watchTree(record.workspace_root, { skip }) : null,
  ]);
  const handedOver = gitStatus !== null && selection.root === record.workspace_root ? { gitStatus } : {};
  const snapshotting = createSnapshot(selection, { prefix: jobTempPrefix("snapshot", record.job_id) });
  const [watch, snapshot, earlier] = await Promise.all([
    ownWatch ?? (request.profile.detectMutations ? watchTree(record.workspace_root, { skip, ...handedOver }) : null),
    snapshotting,
    record.parent_job_id ? null : earlierVersions(selection, snapshotting.then(({ screen }) => new Set(screen.files.map((file) => file.path)))),
  ]).catch(async (error: unknown) => {
    await snapshotting.then((made) => made.cleanup(), () => undefined);
    throw error;
  });
  const { screen } = snapshot;
  const withheld = [...screen.withheld, ...(earlier?.withheld ?? [])];
  const prompt =
    earlier === null
      ? buildFollowUpPrompt({ snapshotDir: snapshot.dir, followUp: request.userPrompt })
      : buildReviewPrompt({
          mode: record.mode,
          selection,
          snapshotDir: snapshot.dir,
          focus: request.userPrompt,
          files: screen.files,
          withheld,
          readFile: (path) => readFileSync(join(snapshot.dir, path)),
          previous: earlier.contents,
        });
  const audit = auditOf(selection, { files: screen.files, withheld }, createHash("sha256").update(prompt).digest("hex"));
  // A stable, empty working directory per chain keeps the user's project instructions out
  // of context and lets targets that key sessions by cwd (Gemini) resume the chain.
  const targetCwd = record.target_cwd ?? join(request.chainsDir, record.job_id);
  await mkdir(targetCwd, { recursive: true, mode: 0o700 });
  return {
    prompt,
    snapshotDir: snapshot.dir,
    keptSnapshotPath: request.keepSnapshot ? snapshot.dir : null,
    audit,
    targetCwd,
    changes: null,
    detectMutations: async () => (watch === null ? [] : watch.changes()),
    captureChanges: async () => null,
    cleanup: async () => (request.keepSnapshot ? undefined : snapshot.cleanup()),
  };
}
