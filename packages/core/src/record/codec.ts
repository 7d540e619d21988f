import { EMPTY_TIMINGS, JobRecord, SCHEMA_VERSION } from "./schema.js";

export type DecodeOutcome =
  | { outcome: "ok"; record: JobRecord }
  | { outcome: "corrupt"; reason: string }
  | { outcome: "newer_schema"; version: number };

/** Parses a stored record; a newer schema is reported as such rather than guessed at. */
export function decodeRecord(text: string): DecodeOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { outcome: "corrupt", reason: `not JSON (${(error as Error).message})` };
  }
  if (typeof raw !== "object" || raw === null) return { outcome: "corrupt", reason: "not a JSON object" };
  const version = (raw as { schema_version?: unknown }).schema_version;
  if (typeof version === "number" && version > SCHEMA_VERSION) return { outcome: "newer_schema", version };
  const parsed = JobRecord.safeParse(version === 1 ? upgradeFromV1(raw) : raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { outcome: "corrupt", reason: `invalid record: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "unknown"}` };
  }
  return { outcome: "ok", record: parsed.data };
}

/** Version 1 records lack the review, audit, isolation and timing fields; all of them were empty. */
function upgradeFromV1(raw: object): object {
  return { timings: EMPTY_TIMINGS, review: null, audit: null, changes: null, applied_at: null, ...raw, schema_version: SCHEMA_VERSION };
}

export const encodeRecord = (record: JobRecord): string => `${JSON.stringify(JobRecord.parse(record), null, 2)}\n`;
