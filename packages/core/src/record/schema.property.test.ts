import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRecord, encodeRecord } from "./codec.js";
import { AuthMode, Containment, ErrorCode, JobStatus, Mode, SCHEMA_VERSION, Scope, Severity, TargetName, Verdict, type JobRecord, EMPTY_TIMINGS } from "./schema.js";

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
      fc.property(jobRecord, (record) => {
        expect(decodeRecord(encodeRecord(record))).toEqual({ outcome: "ok", record });
      }),
    );
  });

  it("never reads a truncated record as a record", () => {
    fc.assert(
      fc.property(jobRecord, fc.double({ min: 0, max: 1, noNaN: true }), (record, cut) => {
        const encoded = encodeRecord(record).trimEnd();
        const prefix = encoded.slice(0, Math.floor(cut * (encoded.length - 1)));
        expect(decodeRecord(prefix).outcome).toBe("corrupt");
      }),
    );
  });

  it("reads a version 1 record with the fields added in version 2 empty", () => {
    fc.assert(
      fc.property(jobRecord, (record) => {
        const { timings: _t, review: _r, audit: _a, changes: _c, applied_at: _p, ...v1 } = record;
        const decoded = decodeRecord(JSON.stringify({ ...v1, schema_version: 1 }));
        expect(decoded).toEqual({ outcome: "ok", record: { ...v1, schema_version: SCHEMA_VERSION, timings: EMPTY_TIMINGS, review: null, audit: null, changes: null, applied_at: null } });
      }),
    );
  });

  it("reports a newer schema_version as such instead of guessing", () => {
    fc.assert(
      fc.property(jobRecord, fc.integer({ min: SCHEMA_VERSION + 1, max: 10_000 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })), (record, version, extra) => {
        const future = { ...extra, ...record, schema_version: version };
        expect(decodeRecord(JSON.stringify(future))).toEqual({ outcome: "newer_schema", version });
      }),
    );
  });

  it("decodes any text to ok, corrupt or newer_schema without throwing", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), jobRecord.map((r) => JSON.stringify({ ...r, status: "paused" }))), (input) => {
        const outcome = decodeRecord(input).outcome;
        expect(["ok", "corrupt", "newer_schema"]).toContain(outcome);
        if (outcome === "ok") expect(() => encodeRecord((decodeRecord(input) as { record: JobRecord }).record)).not.toThrow();
      }),
    );
  });
});
