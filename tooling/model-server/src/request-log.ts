import { appendFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import type { ApiName, Turn } from "./script.js";

/** Which endpoint a request hit; `unknown` requests were answered 404. */
export type Endpoint =
  | "anthropic.messages"
  | "anthropic.count_tokens"
  | "gemini.stream_generate"
  | "gemini.generate"
  | "gemini.count_tokens"
  | "openai.responses"
  | "unknown";

export interface LoggedRequest {
  readonly seq: number;
  readonly at: string;
  readonly method: string;
  readonly url: string;
  readonly endpoint: Endpoint;
  readonly api: ApiName | null;
  /** Selected headers; credentials are never recorded. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  readonly body: unknown;
  /** Tool names the request offered to the model, in request order. */
  readonly toolNames: readonly string[];
  /** Text of the latest user message with text. */
  readonly prompt: string;
  /** The kind of the scripted turn that answered, or null if none was consumed. */
  readonly turn: Turn["kind"] | null;
}

// An allowlist rather than a denylist: a new credential header must never leak into logs.
const KEPT_HEADERS = [
  "user-agent",
  "content-type",
  "anthropic-version",
  "anthropic-beta",
  "x-app",
  "x-claude-code-session-id",
  "x-stainless-retry-count",
  "x-goog-api-client",
  "originator",
  "session_id",
] as const;

export function selectHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (typeof value === "string") kept[name] = value;
  }
  return kept;
}

/** Every model request the server saw, in memory and optionally appended to a JSONL file. */
export class RequestLog {
  readonly #entries: LoggedRequest[] = [];
  readonly #file: string | undefined;
  #seq = 0;

  constructor(file?: string) {
    this.#file = file;
  }

  add(entry: Omit<LoggedRequest, "seq">): LoggedRequest {
    this.#seq += 1;
    const logged = { seq: this.#seq, ...entry };
    this.#entries.push(logged);
    // Synchronous so the file is complete the moment the response is sent.
    if (this.#file !== undefined) appendFileSync(this.#file, `${JSON.stringify(logged)}\n`);
    return logged;
  }

  entries(): readonly LoggedRequest[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
