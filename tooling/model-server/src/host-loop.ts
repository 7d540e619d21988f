import type { ToolCallTurn, Turn } from "./script.js";

/** How a host names our MCP tool `tool` in a scripted call (each host spells it its own way). */
export type HostToolCall = (tool: string, input: Record<string, unknown>) => ToolCallTurn;

/**
 * The loop our host plugins teach, as a host's model plays it: `run` a review in the
 * background, `wait` for that job, read its `result`, then answer `answer`. The job id
 * comes from the host's own tool result (`{{job_id}}`), so nothing is known in advance.
 */
export function reviewLoopTurns(call: HostToolCall, answer: string, runInput: Record<string, unknown> = {}): Turn[] {
  return [
    call("run", { mode: "review", prompt: "focus on error handling", ...runInput }),
    call("wait", { job_id: "{{job_id}}", timeout_s: 50 }),
    call("result", { job_id: "{{job_id}}" }),
    { kind: "text", text: answer },
  ];
}
