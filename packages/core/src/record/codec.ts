import { isExactJobRecord } from "./checks.generated.js";
import type { JobRecord } from "./schema.js";
import { EMPTY_TIMINGS, SCHEMA_VERSION } from "./values.js";

export type DecodeOutcome =
  | { outcome: "ok"; record: JobRecord }
  | { outcome: "corrupt"; reason: string }
  | { outcome: "newer_schema"; version: number };

/** Parses a stored record; a newer schema is reported as such rather than guessed at. */
export async function decodeRecord(text: string): Promise<DecodeOutcome> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { outcome: "corrupt", reason: `not JSON (${(error as Error).message})` };
  }
  if (typeof raw !== "object" || raw === null) return { outcome: "corrupt", reason: "not a JSON object" };
  const version = (raw as { schema_version?: unknown }).schema_version;
  if (typeof version === "number" && version > SCHEMA_VERSION) return { outcome: "newer_schema", version };
  const candidate = version === 1 ? upgradeFromV1(raw) : raw;
  if (isExactJobRecord(candidate)) return { outcome: "ok", record: candidate };
  // Anything else goes to the schema: it says what is wrong, or what it tolerates.
  const parsed = (await schemas()).JobRecord.safeParse(candidate);
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

/** A record as stored; one the schema refuses is a bug, thrown before anything is written. */
export async function encodeRecord(record: JobRecord): Promise<string> {
  const exact = isExactJobRecord(record) ? record : (await schemas()).JobRecord.parse(record);
  return `${JSON.stringify(exact, null, 2)}\n`;
}

/** The zod schemas, built only when a value is not exactly what they accept (see checks.generated.ts). */
const schemas = () => import("./schema.js");
