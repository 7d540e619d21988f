import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRecord, encodeRecord } from "./codec.js";
import { isDeepStrictEqual } from "node:util";
import { isExactJobRecord, isExactJobSummary } from "./checks.generated.js";
import { AuthMode, Containment, ErrorCode, JobRecord, JobStatus, JobSummary, Mode, Scope, Severity, TargetName, Verdict } from "./schema.js";
import { summarize } from "./summary.js";
import { EMPTY_TIMINGS, SCHEMA_VERSION } from "./values.js";

const text = fc.string({ maxLength: 40 });
const nullable = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null });
// -0 is not representable in JSON; every other finite number is.
const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0));
const iso = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
const pidInfo = fc.record({ pid: fc.integer({ min: 1, max: 2 ** 31 }), starttime: fc.stringMatching(/^\d{1,20}$/), argv0: text });

const jobRecord: fc.Arbitrary<JobRecord> = fc.record({
  schema_version: fc.constant(SCHEMA_VERSION),
  job_id: fc.uuid({ version: 4 }),
  target: fc.constantFrom(...TargetName.options),
  parent_job_id: nullable(fc.uuid()),
  target_session_id: nullable(text),
  resume_chain: fc.array(text, { maxLength: 4 }),
  pid_info: nullable(pidInfo),
  worker_pid_info: nullable(pidInfo),
  mode: fc.constantFrom(...Mode.options),
  model: nullable(text),
  cwd: text,
  workspace_root: text,
  target_cwd: nullable(text),
  scope: fc.constantFrom(...Scope.options),
  scope_base: nullable(text),
  scope_paths: fc.array(text, { maxLength: 4 }),
  containment: fc.constantFrom(...Containment.options),
  snapshot_path: nullable(text),
  auth_mode: fc.constantFrom(...AuthMode.options),
  auth_env: fc.record({ used: fc.array(text, { maxLength: 3 }), ignored: fc.array(text, { maxLength: 3 }) }),
  timeout_s: finite.filter((x) => x > 0),
  background: fc.boolean(),
  prompt_head: fc.string({ maxLength: 200 }),
  status: fc.constantFrom(...JobStatus.options),
  created_at: iso,
  started_at: nullable(iso),
  ended_at: nullable(iso),
  exit_code: nullable(fc.integer({ min: -1, max: 255 })),
  signal: nullable(fc.constantFrom("SIGTERM", "SIGKILL")),
  error_code: nullable(fc.constantFrom(...ErrorCode.options)),
  error_message: nullable(text),
  suggested_action: nullable(text),
  result: nullable(fc.string({ maxLength: 300 })),
  // Normalised through JSON: structured output is JSON the target printed (so never -0).
  structured_output: nullable(fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown)),
  permission_denials: fc.array(fc.record({ tool_name: text, tool_use_id: nullable(text), detail: nullable(text) }), { maxLength: 3 }),
  mutations: fc.array(
    fc.oneof(
      text.map((entry) => ({ kind: "changed" as const, entry })),
      text.map((reason) => ({ kind: "detection_failed" as const, reason })),
    ),
    { maxLength: 3 },
  ),
  usage: fc.record({ input_tokens: nullable(fc.nat()), output_tokens: nullable(fc.nat()), cached_input_tokens: nullable(fc.nat()), total_tokens: nullable(fc.nat()) }),
  cost_usd: nullable(finite),
  cost_source: nullable(fc.constantFrom("reported" as const, "estimated" as const)),
  progress: fc.record({ events: fc.nat(), tool_calls: fc.nat(), last_event_at: nullable(iso), last_text: nullable(text) }),
  collected_at: nullable(iso),
  timings: fc.record({ prepare_ms: nullable(fc.nat()), target_ms: nullable(fc.nat()), finalize_ms: nullable(fc.nat()), total_ms: nullable(fc.nat()) }),
  review: nullable(
    fc.record({
      verdict: nullable(fc.constantFrom(...Verdict.options)),
      findings: fc.array(
        fc.record({ severity: fc.constantFrom(...Severity.options), file: nullable(text), line: nullable(fc.nat()), title: text, detail: text }),
        { maxLength: 3 },
      ),
      summary: nullable(text),
    }),
  ),
  audit: nullable(
    fc.record({
      files: fc.array(fc.record({ path: text, bytes: fc.nat(), sha256: fc.stringMatching(/^[0-9a-f]{64}$/) }), { maxLength: 3 }),
      excluded: fc.array(fc.record({ path: text, reason: text }), { maxLength: 3 }),
      totals: fc.record({ files: fc.nat(), bytes: fc.nat(), excluded: fc.nat() }),
      git: nullable(fc.record({ head: nullable(text), branch: nullable(text), base_ref: nullable(text), merge_base: nullable(text) })),
      prompt_sha256: nullable(text),
    }),
  ),
  changes: nullable(
    fc.record({
      base_commit: text,
      result_commit: nullable(text),
      files: fc.array(fc.record({ path: text, status: fc.constantFrom("added" as const, "modified" as const, "deleted" as const), insertions: fc.nat(), deletions: fc.nat() }), { maxLength: 3 }),
    }),
  ),
  applied_at: nullable(iso),
});

describe("JobRecord codec (property)", () => {
  it("round-trips every valid record", () => {
    fc.assert(
      fc.asyncProperty(jobRecord, async (record) => {
        expect(await decodeRecord(await encodeRecord(record))).toEqual({ outcome: "ok", record });
      }),
    );
  });

  it("never reads a truncated record as a record", () => {
    fc.assert(
      fc.asyncProperty(jobRecord, fc.double({ min: 0, max: 1, noNaN: true }), async (record, cut) => {
        const encoded = (await encodeRecord(record)).trimEnd();
        const prefix = encoded.slice(0, Math.floor(cut * (encoded.length - 1)));
        expect((await decodeRecord(prefix)).outcome).toBe("corrupt");
      }),
    );
  });

  it("reads a version 1 record with the fields added in version 2 empty", () => {
    fc.assert(
      fc.asyncProperty(jobRecord, async (record) => {
        const { timings: _t, review: _r, audit: _a, changes: _c, applied_at: _p, ...v1 } = record;
        const decoded = await decodeRecord(JSON.stringify({ ...v1, schema_version: 1 }));
        expect(decoded).toEqual({ outcome: "ok", record: { ...v1, schema_version: SCHEMA_VERSION, timings: EMPTY_TIMINGS, review: null, audit: null, changes: null, applied_at: null } });
      }),
    );
  });

  it("reports a newer schema_version as such instead of guessing", () => {
    fc.assert(
      fc.asyncProperty(jobRecord, fc.integer({ min: SCHEMA_VERSION + 1, max: 10_000 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })), async (record, version, extra) => {
        const future = { ...extra, ...record, schema_version: version };
        expect(await decodeRecord(JSON.stringify(future))).toEqual({ outcome: "newer_schema", version });
      }),
    );
  });

  it("decodes any text to ok, corrupt or newer_schema without throwing", () => {
    fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), jobRecord.map((r) => JSON.stringify({ ...r, status: "paused" }))), async (input) => {
        const decoded = await decodeRecord(input);
        expect(["ok", "corrupt", "newer_schema"]).toContain(decoded.outcome);
        if (decoded.outcome === "ok") await expect(encodeRecord(decoded.record)).resolves.toBeTypeOf("string");
      }),
    );
  });
});

/** A copy of `value` with the node at a random path replaced, removed, or given an extra key. */
const mutated = (value: object): fc.Arbitrary<unknown> => {
  const paths: Array<Array<string | number>> = [];
  const walk = (node: unknown, path: Array<string | number>): void => {
    if (typeof node !== "object" || node === null) return;
    paths.push(path);
    for (const [key, child] of Object.entries(node)) walk(child, [...path, Array.isArray(node) ? Number(key) : key]);
  };
  walk(value, []);
  return fc.tuple(fc.constantFrom(...paths), fc.nat(), fc.string({ maxLength: 12 }), fc.constantFrom("replace", "remove", "add"), fc.jsonValue({ maxDepth: 2 })).map(([path, pick, key, how, replacement]) => {
    const copy = structuredClone(value);
    const parent = path.reduce<Record<string | number, unknown>>((node, step) => node[step] as Record<string | number, unknown>, copy as Record<string, unknown>);
    const keys = Object.keys(parent);
    const chosen = keys[pick % Math.max(1, keys.length)];
    if (Array.isArray(parent)) {
      // What JSON can say of an array: its items.
      if (how === "add" || chosen === undefined) parent.push(replacement);
      else if (how === "remove") parent.splice(Number(chosen), 1);
      else parent[Number(chosen)] = replacement;
    } else if (how === "add" || chosen === undefined) parent[key] = replacement;
    else if (how === "remove") delete parent[chosen];
    else parent[chosen] = replacement;
    return copy;
  });
};

const unchangedBy = (schema: { safeParse(value: unknown): { success: boolean; data?: unknown } }, value: unknown): boolean => {
  const parsed = schema.safeParse(value);
  return parsed.success && isDeepStrictEqual(parsed.data, value);
};

describe("exact-shape checks (checks.generated.ts) against the schemas (property)", () => {
  it("accept every valid record and its summary", () => {
    fc.assert(
      fc.property(jobRecord, (record) => {
        expect(isExactJobRecord(record)).toBe(true);
        expect(isExactJobSummary(summarize(record))).toBe(true);
      }),
    );
  });

  it("accept a changed record exactly when the schema accepts it unchanged", () => {
    fc.assert(
      fc.property(jobRecord.chain(mutated), (value) => {
        expect(isExactJobRecord(value)).toBe(unchangedBy(JobRecord, value));
      }),
      { numRuns: 500 },
    );
  });

  it("accept a changed listing line exactly when the schema accepts it unchanged", () => {
    fc.assert(
      fc.property(jobRecord.chain((record) => mutated(summarize(record))), (value) => {
        expect(isExactJobSummary(value)).toBe(unchangedBy(JobSummary, value));
      }),
      { numRuns: 300 },
    );
  });
});
