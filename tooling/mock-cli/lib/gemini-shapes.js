// Builders for Gemini CLI 0.61.0 headless output objects, copied from the captured
// fixtures (fixtures/real-cli/gemini-0.61.0-*). Only the values vary.

export const GEMINI_DEFAULT_MODEL = "gemini-2.5-pro";

const now = () => new Date().toISOString();

/** @param {{ sessionId: string, model: string }} p */
export const geminiInit = (p) => ({ type: "init", timestamp: now(), session_id: p.sessionId, model: p.model });

/**
 * @param {"user" | "assistant"} role
 * @param {string} content
 */
export const geminiMessage = (role, content) => ({
  type: "message",
  timestamp: now(),
  role,
  content,
  ...(role === "assistant" ? { delta: true } : {}),
});

/** @param {{ toolName: string, toolId: string, parameters: object }} p */
export const geminiToolUse = (p) => ({ type: "tool_use", timestamp: now(), tool_name: p.toolName, tool_id: p.toolId, parameters: p.parameters });

/**
 * @param {{ toolId: string, status: "success" | "error", output: string, error?: { type: string, message: string } }} p
 */
export const geminiToolResult = (p) => ({
  type: "tool_result",
  timestamp: now(),
  tool_id: p.toolId,
  status: p.status,
  output: p.output,
  ...(p.error ? { error: p.error } : {}),
});

/**
 * @typedef {object} Usage
 * @property {number} input
 * @property {number} output
 * @property {number} toolCalls
 * @property {number} durationMs
 */

/**
 * @param {Usage} u
 * @param {string} model
 */
function streamStats(u, model) {
  const tokens = { total_tokens: u.input + u.output, input_tokens: u.input, output_tokens: u.output, cached: 0, input: u.input };
  return { ...tokens, duration_ms: u.durationMs, tool_calls: u.toolCalls, models: u.input + u.output > 0 ? { [model]: tokens } : {} };
}

/**
 * @param {{ model: string, usage: Usage }} p
 */
export const geminiStreamResult = (p) => ({ type: "result", timestamp: now(), status: "success", stats: streamStats(p.usage, p.model) });

/**
 * The result event of a failed stream-json run.
 * @param {{ model: string, message: string, durationMs: number }} p
 */
export const geminiStreamError = (p) => ({
  type: "result",
  timestamp: now(),
  status: "error",
  error: { type: "Error", message: p.message },
  stats: streamStats({ input: 0, output: 0, toolCalls: 0, durationMs: p.durationMs }, p.model),
});

/**
 * @typedef {object} ToolStat
 * @property {string} name
 * @property {boolean} success
 * @property {"accept" | "reject" | "auto_accept"} decision
 */

/**
 * The stats object of --output-format json.
 * @param {{ model: string, usage: Usage, requests: number, tools: ToolStat[], linesAdded: number }} p
 */
export function geminiJsonStats(p) {
  const tokens = { input: p.usage.input, prompt: p.usage.input, candidates: p.usage.output, total: p.usage.input + p.usage.output, cached: 0, thoughts: 0, tool: 0 };
  const api = { totalRequests: p.requests, totalErrors: 0, totalLatencyMs: p.usage.durationMs, errorsByType: {} };
  const decisions = () => ({ accept: 0, reject: 0, modify: 0, auto_accept: 0 });
  const totalDecisions = decisions();
  /** @type {Record<string, object>} */
  const byName = {};
  for (const t of p.tools) {
    totalDecisions[t.decision] += 1;
    const d = decisions();
    d[t.decision] += 1;
    byName[t.name] = { count: 1, success: t.success ? 1 : 0, fail: t.success ? 0 : 1, durationMs: 3, decisions: d };
  }
  return {
    models: {
      [p.model]: {
        api,
        tokens,
        roles: { main: { totalRequests: api.totalRequests, totalErrors: 0, totalLatencyMs: api.totalLatencyMs, tokens } },
      },
    },
    tools: {
      totalCalls: p.tools.length,
      totalSuccess: p.tools.filter((t) => t.success).length,
      totalFail: p.tools.filter((t) => !t.success).length,
      totalDurationMs: 3 * p.tools.length,
      totalDecisions,
      byName,
    },
    files: { totalLinesAdded: p.linesAdded, totalLinesRemoved: 0 },
  };
}

/**
 * The error document Gemini prints on stderr for --output-format json.
 * @param {{ sessionId: string, message: string, code: number }} p
 */
export const geminiJsonError = (p) => JSON.stringify({ session_id: p.sessionId, error: { type: "Error", message: p.message, code: p.code } }, null, 2);
