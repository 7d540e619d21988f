// Generated from record/schema.ts by `pnpm --filter @agent-companion/core gen:checks`: do not edit.
// Exact-shape checks for start-up paths; see record/check-source.ts.
import type { JobRecord, JobSummary } from "./schema.js";
/* eslint-disable */
const exactObject = (v: any, keys: number): boolean => typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === keys;
const C0 = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$/;
const C1 = new Set(["claude","gemini"]);
const C2 = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
const C3 = new Set(["review","adversarial-review","custom-review","rescue"]);
const C4 = new Set(["working-tree","staged","head","branch-diff","custom"]);
const C5 = new Set(["snapshot","worktree","none"]);
const C6 = new Set(["subscription","api_key","auto"]);
const C7 = new Set(["queued","running","completed","failed","cancelled","stale"]);
const C8 = new Set(["scope_failed","binary_not_found","spawn_failed","not_authed","rate_limited","usage_limited","model_not_found","timeout","parse_error","target_error","contract_changed","stale_active_job","finalization_failed","review_incomplete","prompt_too_large"]);
const C9 = new Set(["reported","estimated"]);
const C10 = new Set(["approve","request_changes"]);
const C11 = new Set(["critical","high","medium","low"]);
const C12 = new Set(["added","modified","deleted"]);

export const isExactJobRecord = (v: any): v is JobRecord =>
  (exactObject(v, 46) &&
    (v["schema_version"] === 2) &&
    typeof v["job_id"] === "string" && C0.test(v["job_id"]) &&
    C1.has(v["target"]) &&
    (v["parent_job_id"] === null || typeof v["parent_job_id"] === "string" && C2.test(v["parent_job_id"])) &&
    (v["target_session_id"] === null || typeof v["target_session_id"] === "string") &&
    Array.isArray(v["resume_chain"]) && v["resume_chain"].every((e2: any) => typeof e2 === "string") &&
    (v["pid_info"] === null || (exactObject(v["pid_info"], 3) &&
      Number.isSafeInteger(v["pid_info"]["pid"]) && v["pid_info"]["pid"] > 0 &&
      typeof v["pid_info"]["starttime"] === "string" && v["pid_info"]["starttime"].length >= 1 &&
      typeof v["pid_info"]["argv0"] === "string")) &&
    (v["worker_pid_info"] === null || (exactObject(v["worker_pid_info"], 3) &&
      Number.isSafeInteger(v["worker_pid_info"]["pid"]) && v["worker_pid_info"]["pid"] > 0 &&
      typeof v["worker_pid_info"]["starttime"] === "string" && v["worker_pid_info"]["starttime"].length >= 1 &&
      typeof v["worker_pid_info"]["argv0"] === "string")) &&
    C3.has(v["mode"]) &&
    (v["model"] === null || typeof v["model"] === "string") &&
    typeof v["cwd"] === "string" &&
    typeof v["workspace_root"] === "string" &&
    (v["target_cwd"] === null || typeof v["target_cwd"] === "string") &&
    C4.has(v["scope"]) &&
    (v["scope_base"] === null || typeof v["scope_base"] === "string") &&
    Array.isArray(v["scope_paths"]) && v["scope_paths"].every((e2: any) => typeof e2 === "string") &&
    C5.has(v["containment"]) &&
    (v["snapshot_path"] === null || typeof v["snapshot_path"] === "string") &&
    C6.has(v["auth_mode"]) &&
    (exactObject(v["auth_env"], 2) &&
      Array.isArray(v["auth_env"]["used"]) && v["auth_env"]["used"].every((e3: any) => typeof e3 === "string") &&
      Array.isArray(v["auth_env"]["ignored"]) && v["auth_env"]["ignored"].every((e3: any) => typeof e3 === "string")) &&
    Number.isFinite(v["timeout_s"]) && v["timeout_s"] > 0 &&
    typeof v["background"] === "boolean" &&
    typeof v["prompt_head"] === "string" && v["prompt_head"].length <= 200 &&
    C7.has(v["status"]) &&
    typeof v["created_at"] === "string" &&
    (v["started_at"] === null || typeof v["started_at"] === "string") &&
    (v["ended_at"] === null || typeof v["ended_at"] === "string") &&
    (v["exit_code"] === null || Number.isSafeInteger(v["exit_code"])) &&
    (v["signal"] === null || typeof v["signal"] === "string") &&
    (v["error_code"] === null || C8.has(v["error_code"])) &&
    (v["error_message"] === null || typeof v["error_message"] === "string") &&
    (v["suggested_action"] === null || typeof v["suggested_action"] === "string") &&
    (v["result"] === null || typeof v["result"] === "string") &&
    (v["structured_output"] === null || true) &&
    Array.isArray(v["permission_denials"]) && v["permission_denials"].every((e2: any) => (exactObject(e2, 3) &&
        typeof e2["tool_name"] === "string" &&
        (e2["tool_use_id"] === null || typeof e2["tool_use_id"] === "string") &&
        (e2["detail"] === null || typeof e2["detail"] === "string"))) &&
    Array.isArray(v["mutations"]) && v["mutations"].every((e2: any) => (((exactObject(e2, 2) &&
        (e2["kind"] === "changed") &&
        typeof e2["entry"] === "string")) || ((exactObject(e2, 2) &&
        (e2["kind"] === "detection_failed") &&
        typeof e2["reason"] === "string")))) &&
    (exactObject(v["usage"], 4) &&
      (v["usage"]["input_tokens"] === null || Number.isFinite(v["usage"]["input_tokens"])) &&
      (v["usage"]["output_tokens"] === null || Number.isFinite(v["usage"]["output_tokens"])) &&
      (v["usage"]["cached_input_tokens"] === null || Number.isFinite(v["usage"]["cached_input_tokens"])) &&
      (v["usage"]["total_tokens"] === null || Number.isFinite(v["usage"]["total_tokens"]))) &&
    (v["cost_usd"] === null || Number.isFinite(v["cost_usd"])) &&
    (v["cost_source"] === null || C9.has(v["cost_source"])) &&
    (exactObject(v["progress"], 4) &&
      Number.isSafeInteger(v["progress"]["events"]) && v["progress"]["events"] >= 0 &&
      Number.isSafeInteger(v["progress"]["tool_calls"]) && v["progress"]["tool_calls"] >= 0 &&
      (v["progress"]["last_event_at"] === null || typeof v["progress"]["last_event_at"] === "string") &&
      (v["progress"]["last_text"] === null || typeof v["progress"]["last_text"] === "string")) &&
    (v["collected_at"] === null || typeof v["collected_at"] === "string") &&
    (exactObject(v["timings"], 4) &&
      (v["timings"]["prepare_ms"] === null || Number.isFinite(v["timings"]["prepare_ms"])) &&
      (v["timings"]["target_ms"] === null || Number.isFinite(v["timings"]["target_ms"])) &&
      (v["timings"]["finalize_ms"] === null || Number.isFinite(v["timings"]["finalize_ms"])) &&
      (v["timings"]["total_ms"] === null || Number.isFinite(v["timings"]["total_ms"]))) &&
    (v["review"] === null || (exactObject(v["review"], 3) &&
      (v["review"]["verdict"] === null || C10.has(v["review"]["verdict"])) &&
      Array.isArray(v["review"]["findings"]) && v["review"]["findings"].every((e3: any) => (exactObject(e3, 5) &&
          C11.has(e3["severity"]) &&
          (e3["file"] === null || typeof e3["file"] === "string") &&
          (e3["line"] === null || Number.isSafeInteger(e3["line"])) &&
          typeof e3["title"] === "string" &&
          typeof e3["detail"] === "string")) &&
      (v["review"]["summary"] === null || typeof v["review"]["summary"] === "string"))) &&
    (v["audit"] === null || (exactObject(v["audit"], 5) &&
      Array.isArray(v["audit"]["files"]) && v["audit"]["files"].every((e3: any) => (exactObject(e3, 3) &&
          typeof e3["path"] === "string" &&
          Number.isSafeInteger(e3["bytes"]) && e3["bytes"] >= 0 &&
          typeof e3["sha256"] === "string")) &&
      Array.isArray(v["audit"]["excluded"]) && v["audit"]["excluded"].every((e3: any) => (exactObject(e3, 2) &&
          typeof e3["path"] === "string" &&
          typeof e3["reason"] === "string")) &&
      (exactObject(v["audit"]["totals"], 3) &&
        Number.isSafeInteger(v["audit"]["totals"]["files"]) &&
        Number.isSafeInteger(v["audit"]["totals"]["bytes"]) &&
        Number.isSafeInteger(v["audit"]["totals"]["excluded"])) &&
      (v["audit"]["git"] === null || (exactObject(v["audit"]["git"], 4) &&
        (v["audit"]["git"]["head"] === null || typeof v["audit"]["git"]["head"] === "string") &&
        (v["audit"]["git"]["branch"] === null || typeof v["audit"]["git"]["branch"] === "string") &&
        (v["audit"]["git"]["base_ref"] === null || typeof v["audit"]["git"]["base_ref"] === "string") &&
        (v["audit"]["git"]["merge_base"] === null || typeof v["audit"]["git"]["merge_base"] === "string"))) &&
      (v["audit"]["prompt_sha256"] === null || typeof v["audit"]["prompt_sha256"] === "string"))) &&
    (v["changes"] === null || (exactObject(v["changes"], 3) &&
      typeof v["changes"]["base_commit"] === "string" &&
      (v["changes"]["result_commit"] === null || typeof v["changes"]["result_commit"] === "string") &&
      Array.isArray(v["changes"]["files"]) && v["changes"]["files"].every((e3: any) => (exactObject(e3, 4) &&
          typeof e3["path"] === "string" &&
          C12.has(e3["status"]) &&
          Number.isSafeInteger(e3["insertions"]) && e3["insertions"] >= 0 &&
          Number.isSafeInteger(e3["deletions"]) && e3["deletions"] >= 0)))) &&
    (v["applied_at"] === null || typeof v["applied_at"] === "string"));

export const isExactJobSummary = (v: any): v is JobSummary =>
  (exactObject(v, 9) &&
    typeof v["job_id"] === "string" &&
    C7.has(v["status"]) &&
    C3.has(v["mode"]) &&
    typeof v["created_at"] === "string" &&
    (v["ended_at"] === null || typeof v["ended_at"] === "string") &&
    typeof v["prompt_head"] === "string" &&
    (v["error_code"] === null || C8.has(v["error_code"])) &&
    typeof v["collected"] === "boolean" &&
    typeof v["background"] === "boolean");
