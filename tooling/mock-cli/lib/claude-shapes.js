// Builders for Claude Code 2.1.330 headless output objects, copied from the captured
// fixtures (fixtures/real-cli/claude-2.1.330-*). Only the values vary; keys and nesting
// follow the real CLI.

import { randomUUID } from "node:crypto";

export const CLAUDE_DEFAULT_MODEL = "claude-opus-5-5";

/** The tool set of an unrestricted 2.1.330 run (claude-2.1.330-stream-json-denied-write). */
export const CLAUDE_DEFAULT_TOOLS = Object.freeze([
  "Task", "Bash", "CronCreate", "CronDelete", "CronList", "Edit", "EnterWorktree", "ExitWorktree",
  "ListAgents", "Monitor", "NotebookEdit", "Read", "ReportFindings", "ScheduleWakeup", "SendMessage",
  "Skill", "TaskCreate", "TaskGet", "TaskList", "TaskStop", "TaskUpdate", "ToolSearch", "WebFetch",
  "WebSearch", "Workflow", "Write",
]);

const SLASH_COMMANDS = [
  "deep-research", "dataviz", "update-config", "verify", "debug", "code-review", "simplify", "batch",
  "fewer-permission-prompts", "doctor", "loop", "claude-api", "workflow-authoring", "run",
  "run-skill-generator", "plugin-authoring", "agents", "auto-mode-setup", "autocompact", "clear", "color",
  "compact", "config", "output-style", "context", "effort", "fast", "focus", "heapdump", "init", "mcp",
  "model", "__remote-workflow", "workflow-launch-exec", "reload-plugins", "reload-skills", "rename",
  "security-review", "usage", "insights", "recap", "goal", "list-agents", "team-onboarding",
];
const SKILLS = SLASH_COMMANDS.slice(0, 16);
const CAPABILITIES = [
  "interrupt_receipt_v1", "interrupt_cancel_queued_v1", "interrupt_send_now_v1", "interrupt_requeue_taken_v1",
  "msg_lifecycle_v1", "request_marker_lists_v1", "ask_user_question_unanswered_v1", "lifecycle_wakeup_source_v1",
  "sdk_mcp_tools_list_changed", "sdk_mcp_manifests", "mcp_read_resource_v1", "mcp_tool_ui_meta_v1", "ui_surface_v1",
  "mcp_call_result_not_for_model_v1", "mcp_call_check_permissions_v1", "voice_call_talk_line_v1",
  "withdrawn_files_note_v2", "withdrawn_tools_v1", "ui_pane_widget_v1", "reload_plugins_refuse_if_busy_v1",
  "get_usage_detached_v1", "silent_resend_files_v1",
];

const SUBAGENT_STATS = () => ({
  spawned: 0,
  requested: { background: 0, foreground: 0, unset: 0 },
  started_in_background: 0,
  max_depth: 0,
  spawned_by_subagents: 0,
  completed: 0,
  failed: 0,
  killed: { parent: 0, user: 0, system: 0 },
  refused: { depth_limit: 0, concurrency_limit: 0, budget: 0 },
  by_type: {},
});

/**
 * List price per token (input, output) by model family; the real CLI computes
 * total_cost_usd the same way.
 * @param {string} model
 * @returns {[number, number]}
 */
function pricePerToken(model) {
  if (/haiku/i.test(model)) return [1e-6, 5e-6];
  if (/opus/i.test(model)) return [5e-6, 25e-6];
  return [3e-6, 15e-6];
}

/** @param {number} n */
const round = (n) => Math.round(n * 1e8) / 1e8;

/**
 * @typedef {object} Session
 * @property {string} sessionId
 * @property {string} model
 */

/**
 * @param {Session & { cwd: string, tools: string[], permissionMode: string, version: string,
 *   apiKeySource: string, addDirs: string[] }} p
 */
export function claudeInit(p) {
  const projectKey = p.cwd.replace(/[^A-Za-z0-9]/g, "-");
  return {
    type: "system",
    subtype: "init",
    cwd: p.cwd,
    session_id: p.sessionId,
    tools: p.tools,
    mcp_servers: [],
    model: p.model,
    permissionMode: p.permissionMode,
    slash_commands: SLASH_COMMANDS,
    terminal_slash_commands: ["doctor", "color", "focus", "reload-plugins"],
    apiKeySource: p.apiKeySource,
    claude_code_version: p.version,
    output_style: "default",
    agents: ["claude", "Explore", "general-purpose", "Plan", "statusline-setup"],
    skills: SKILLS,
    plugins: [
      { name: "cc-plugin-agents-md", path: "builtin", source: "cc-plugin-agents-md@builtin" },
      { name: "cc-plugin-privacy", path: "builtin", source: "cc-plugin-privacy@builtin" },
      { name: "cc-plugin-plugin-authoring", path: "builtin", source: "cc-plugin-plugin-authoring@builtin" },
    ],
    capabilities: CAPABILITIES,
    analytics_disabled: true,
    product_feedback_disabled: true,
    served_by_anthropic: false,
    uuid: randomUUID(),
    memory_paths: { auto: `${process.env.HOME ?? "/root"}/.claude/projects/${projectKey}/memory/` },
    original_cwd: p.cwd,
    additional_directories: p.addDirs,
    messaging_socket_path: `$TMPDIR/cc-socks/${process.pid}.sock`,
    fast_mode_state: "off",
    fast_mode_disabled_reason: "sdk_opt_in_required",
    per_turn_effort_active: false,
    ultrathink_available: false,
    ultrathink_typed_raises: false,
    view_mode: "default",
  };
}

/**
 * An assistant message with the given content blocks.
 * @param {Session & { content: object[], msgIndex: number }} p
 */
export function claudeAssistant(p) {
  return {
    type: "assistant",
    message: {
      id: `msg_${p.msgIndex}`,
      type: "message",
      role: "assistant",
      model: p.model,
      content: p.content,
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 1 },
      context_management: null,
    },
    parent_tool_use_id: null,
    session_id: p.sessionId,
    uuid: randomUUID(),
    timestamp: new Date().toISOString(),
  };
}

/**
 * The `stream_event` lines `--include-partial-messages` adds around one text message, as
 * 2.1.330 prints them: message_start, content_block_start, a text_delta per word; after the
 * whole assistant message: content_block_stop, message_delta, message_stop.
 * @param {{ sessionId: string, model: string, msgIndex: number, text: string }} p
 * @returns {{ before: object[], after: object[] }}
 */
export function claudePartialEvents(p) {
  const id = `msg_${p.msgIndex}`;
  /** @param {object} event */
  const wrap = (event) => ({ type: "stream_event", event, session_id: p.sessionId, parent_tool_use_id: null, uuid: randomUUID(), api_message_id: id });
  const words = p.text.match(/\S+\s*/g) ?? [p.text];
  return {
    before: [
      wrap({ type: "message_start", message: { id, type: "message", role: "assistant", model: p.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } } }),
      wrap({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }),
      ...words.map((word) => wrap({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: word } })),
    ],
    after: [
      wrap({ type: "content_block_stop", index: 0 }),
      wrap({ type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: words.length } }),
      wrap({ type: "message_stop" }),
    ],
  };
}

/**
 * A user message carrying a tool result.
 * @param {{ sessionId: string, toolUseId: string, content: string, isError: boolean,
 *   toolUseResult: unknown, meta?: object[] }} p
 */
export function claudeToolResult(p) {
  /** @type {Record<string, unknown>} */
  const msg = {
    type: "user",
    message: {
      role: "user",
      content: [{ type: "tool_result", content: p.content, ...(p.isError ? { is_error: true } : {}), tool_use_id: p.toolUseId }],
    },
    parent_tool_use_id: null,
    session_id: p.sessionId,
    uuid: randomUUID(),
    timestamp: new Date().toISOString(),
    tool_use_result: p.toolUseResult,
  };
  if (p.meta) msg.tool_result_meta = p.meta;
  return msg;
}

/**
 * @param {{ sessionId: string, toolName: string, toolUseId: string, message: string }} p
 */
export function claudePermissionDenied(p) {
  return {
    type: "system",
    subtype: "permission_denied",
    tool_name: p.toolName,
    tool_use_id: p.toolUseId,
    message: p.message,
    uuid: randomUUID(),
    session_id: p.sessionId,
  };
}

/**
 * @param {{ sessionId: string, attempt: number, status: number, error: string }} p
 */
export function claudeApiRetry(p) {
  return {
    type: "system",
    subtype: "api_retry",
    attempt: p.attempt,
    max_retries: 10,
    retry_delay_ms: 500 * 2 ** (p.attempt - 1) + 87,
    error_status: p.status,
    error: p.error,
    session_id: p.sessionId,
    uuid: randomUUID(),
  };
}

/**
 * The synthetic assistant message the CLI emits for an API error.
 * @param {{ sessionId: string, text: string, status: number | null, apiErrorType?: string, error: string }} p
 */
export function claudeApiErrorAssistant(p) {
  return {
    type: "assistant",
    message: {
      diagnostics: null,
      id: randomUUID(),
      container: null,
      model: "<synthetic>",
      role: "assistant",
      stop_details: null,
      stop_reason: "stop_sequence",
      stop_sequence: "",
      type: "message",
      usage: {
        output_tokens_details: null,
        input_tokens: 0,
        output_tokens: 0,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        server_tool_use: { web_search_requests: 0, web_fetch_requests: 0 },
        service_tier: null,
        cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 },
        inference_geo: null,
        iterations: null,
        speed: null,
        fallback_credit: null,
      },
      content: [{ type: "text", text: p.text }],
      context_management: null,
    },
    parent_tool_use_id: null,
    session_id: p.sessionId,
    uuid: randomUUID(),
    timestamp: new Date().toISOString(),
    error: p.error,
    is_api_error_message: true,
    api_error_status: p.status,
    ...(p.apiErrorType ? { api_error_type: p.apiErrorType } : {}),
  };
}

/**
 * @param {number} inputTokens
 * @param {number} outputTokens
 */
function usage(inputTokens, outputTokens) {
  return {
    input_tokens: inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: outputTokens,
    output_tokens_details: { thinking_tokens: 0 },
    server_tool_use: { web_search_requests: 0, web_fetch_requests: 0 },
    service_tier: "standard",
    cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 },
    inference_geo: "",
    iterations: [],
    speed: "standard",
    fallback_credit: null,
  };
}

/**
 * The final result object of a successful run.
 * @param {Session & { text: string, turns: number, durationMs: number, stream: boolean,
 *   permissionDenials: object[], structuredOutput?: unknown }} p
 */
export function claudeSuccessResult(p) {
  const inputTokens = 10 * p.turns;
  const outputTokens = 12 * p.turns;
  const [inPrice, outPrice] = pricePerToken(p.model);
  const cost = round(inputTokens * inPrice + outputTokens * outPrice);
  const modelUsage = {
    [p.model]: {
      inputTokens,
      outputTokens,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      webSearchRequests: 0,
      costUSD: cost,
      contextWindow: 200000,
      maxOutputTokens: 32000,
      thinkingTokens: 0,
      cacheCreationEphemeral5mInputTokens: 0,
      cacheCreationEphemeral1hInputTokens: 0,
      canonicalModel: p.model,
      provider: "firstParty",
      costBasis: "list",
    },
  };
  return {
    duration_api_ms: Math.max(1, Math.round(p.durationMs * 0.25)),
    stop_reason: "end_turn",
    session_id: p.sessionId,
    total_cost_usd: cost,
    usage: usage(inputTokens, outputTokens),
    modelUsage,
    permission_denials: p.permissionDenials,
    terminal_reason: "completed",
    fast_mode_state: "off",
    fast_mode_disabled_reason: "sdk_opt_in_required",
    subagent_stats: SUBAGENT_STATS(),
    safety_stops: 0,
    is_error: false,
    num_turns: p.turns,
    subtype: "success",
    api_error_status: null,
    result: p.text,
    ...(p.structuredOutput !== undefined ? { structured_output: p.structuredOutput } : {}),
    ttft_ms: 110,
    type: "result",
    duration_ms: p.durationMs,
    uuid: randomUUID(),
    ttft_stream_ms: 109,
    time_to_request_ms: 93,
    first_content_frame_ms: 109,
    queued_turn_count: 0,
    result_index: 0,
    ...(p.stream ? { model_usage_since_last_result: modelUsage } : {}),
  };
}

/**
 * The final result object of a run that ended in an API error (is_error: true).
 * @param {{ sessionId: string, text: string, status: number | null, apiErrorType?: string,
 *   durationMs: number, stream: boolean }} p
 */
export function claudeErrorResult(p) {
  return {
    duration_api_ms: 0,
    stop_reason: "stop_sequence",
    session_id: p.sessionId,
    total_cost_usd: 0,
    // Error results list output_tokens_details first (claude-2.1.330-json-error-*.json).
    usage: (({ output_tokens_details, ...rest }) => ({ output_tokens_details, ...rest }))(usage(0, 0)),
    modelUsage: {},
    permission_denials: [],
    terminal_reason: "api_error",
    fast_mode_state: "off",
    fast_mode_disabled_reason: "sdk_opt_in_required",
    subagent_stats: SUBAGENT_STATS(),
    safety_stops: 0,
    is_error: true,
    num_turns: 1,
    subtype: "success",
    api_error_status: p.status,
    ...(p.apiErrorType ? { api_error_type: p.apiErrorType } : {}),
    result: p.text,
    type: "result",
    duration_ms: p.durationMs,
    uuid: randomUUID(),
    queued_turn_count: 0,
    result_index: 0,
    ...(p.stream ? { model_usage_since_last_result: {} } : {}),
  };
}
