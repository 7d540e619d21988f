import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import { open, readFile, rename, unlink } from "node:fs/promises";
import { join } from "node:path";
import * as z from "zod/mini";
import { describeError, errnoOf } from "../identity/errno.js";

export const CANCEL_MARKER_FILE = "cancel-requested";

export const CancelMarker = z.object({
  requested_at: z.string(),
  force: z.boolean(),
});
export type CancelMarker = z.infer<typeof CancelMarker>;

export type MarkerWrite =
  | { outcome: "written"; marker: CancelMarker }
  | { outcome: "error"; reason: string };

/**
 * `marker` is null when the file exists but holds something else: the request stands anyway,
 * because the file's existence is the request and its content is only detail.
 */
export type MarkerRead =
  | { outcome: "none" }
  | { outcome: "present"; marker: CancelMarker | null }
  | { outcome: "error"; reason: string };

export type MarkerConsume =
  | { outcome: "none" }
  | { outcome: "consumed"; marker: CancelMarker | null }
  | { outcome: "error"; reason: string };

const markerPath = (jobDir: string): string => join(jobDir, CANCEL_MARKER_FILE);

const parseMarker = (text: string): CancelMarker | null => {
  try {
    const parsed = CancelMarker.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/**
 * Temp file (0600, fsynced) renamed over the marker: a reader sees no marker or a whole one.
 * A repeated cancel replaces the marker, so a later `--force` is what the worker reads.
 */
export const writeCancelMarker = async (
  jobDir: string,
  request: { force: boolean; now?: Date },
): Promise<MarkerWrite> => {
  const marker: CancelMarker = { requested_at: (request.now ?? new Date()).toISOString(), force: request.force };
  const temp = join(jobDir, `.${CANCEL_MARKER_FILE}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(marker)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, markerPath(jobDir));
    return { outcome: "written", marker };
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    return { outcome: "error", reason: `cannot write cancel marker in ${jobDir}: ${describeError(error)}` };
  }
};

export const readCancelMarker = async (jobDir: string): Promise<MarkerRead> => {
  try {
    return { outcome: "present", marker: parseMarker(await readFile(markerPath(jobDir), "utf8")) };
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return { outcome: "none" };
    return { outcome: "error", reason: `cannot read cancel marker in ${jobDir}: ${describeError(error)}` };
  }
};

/**
 * Synchronous existence check for the worker's hot paths (before spawn, on a poll timer, at
 * finalization). Only ENOENT means "not requested": a marker we cannot even stat must not let a
 * cancelled job finish as completed.
 */
export const hasCancelMarker = (jobDir: string): boolean => {
  try {
    statSync(markerPath(jobDir));
    return true;
  } catch (error) {
    return errnoOf(error) !== "ENOENT";
  }
};

/**
 * Reads and removes the marker at finalization. A marker that vanishes between read and unlink
 * was still requested, so it counts as consumed.
 */
export const consumeCancelMarker = async (jobDir: string): Promise<MarkerConsume> => {
  const read = await readCancelMarker(jobDir);
  if (read.outcome !== "present") return read;
  try {
    await unlink(markerPath(jobDir));
  } catch (error) {
    if (errnoOf(error) !== "ENOENT") {
      return { outcome: "error", reason: `cannot remove cancel marker in ${jobDir}: ${describeError(error)}` };
    }
  }
  return { outcome: "consumed", marker: read.marker };
};
