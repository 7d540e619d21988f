/**
 * The scripted behaviour of the model server: a list of turns, played in order to each
 * API separately. Scripts are plain JSON so a test can hand one over in-process, in a
 * file for the bin, or over HTTP to a running server.
 */

export type ApiName = "anthropic" | "gemini" | "openai";

/** Answer with this text, streamed a word at a time. */
export interface TextTurn {
  readonly kind: "text";
  readonly text: string;
}

/** Like `text`, with a pause before every chunk after the first: a slow model. */
export interface SlowTextTurn {
  readonly kind: "slow_text";
  readonly text: string;
  readonly chunkDelayMs: number;
}

/**
 * Ask the CLI to run a tool. Names are the API's own (`Write` for Claude, `write_file`
 * for Gemini, `mcp__<server>__<tool>` for an MCP tool in Claude Code); the CLI answers
 * with the tool result in its next request, which the next turn answers. `namespace` is
 * for the OpenAI Responses API, where Codex offers an MCP server's tools as the namespace
 * `mcp__<server>` holding the bare tool names. An input value `"{{job_id}}"` becomes the job
 * id quoted in the latest tool result the host sent back (a `run` answer), so a script can
 * play a host's whole loop: `run`, then `wait` and `result` on that job.
 */
export interface ToolCallTurn {
  readonly kind: "tool_call";
  readonly name: string;
  readonly namespace?: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** Send the response headers and a first chunk, then never finish. */
export interface StallTurn {
  readonly kind: "stall";
  readonly text?: string;
}

/** Fail the request with this status and the API's own error body. */
export interface HttpErrorTurn {
  readonly kind: "http_error";
  readonly status: number;
  readonly message?: string;
}

/**
 * Answer `recall: found MARKER` when the marker occurs in the conversation before the
 * current prompt, else `recall: missing MARKER`: proves a resumed session carried history.
 */
export interface RecallTurn {
  readonly kind: "recall";
  readonly marker: string;
}

/** Answer `tools: A,B,C` with the tool names the request offered, in request order. */
export interface ListToolsTurn {
  readonly kind: "list_tools";
}

export type Turn =
  | TextTurn
  | SlowTextTurn
  | ToolCallTurn
  | StallTurn
  | HttpErrorTurn
  | RecallTurn
  | ListToolsTurn;

export type ExhaustedPolicy = "repeat_last" | "default_answer";

export interface Script {
  /** Turns for any API that has no list of its own. */
  readonly turns?: readonly Turn[];
  readonly anthropic?: readonly Turn[];
  readonly gemini?: readonly Turn[];
  readonly openai?: readonly Turn[];
  /** After the last turn: play it again (default), or answer `DEFAULT_ANSWER`. */
  readonly onExhausted?: ExhaustedPolicy;
}

export const DEFAULT_ANSWER = "OK";

export const DEFAULT_SCRIPT: Script = { turns: [] };

export function turnsFor(script: Script, api: ApiName): readonly Turn[] {
  return script[api] ?? script.turns ?? [];
}
