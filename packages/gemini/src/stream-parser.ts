import type { ClassifiedError, LineInfo, PermissionDenial, ProcessExit, TargetOutcome, TargetParser } from "@agent-companion/core";
import { BARE_EVENT, EMPTY_USAGE, isCleanExit, lastLine, NOT_AN_EVENT, readEventLine } from "@agent-companion/core/target-output";
import { AnswerText } from "./answer-text.js";
import { classifyFailure, unreadableOutput } from "./classify.js";
import { denialFor, isDenial, type ToolCall } from "./denials.js";
import { ErrorOutput, GeminiEvent, JsonOutput, KNOWN_TYPES, type ResultEvent } from "./events.js";
import { lastJsonObject } from "./trailing-json.js";
import { usageFromModelTokens, usageFromStreamStats } from "./usage.js";

// Only stdout that is not stream-json is kept, to read the json format at the end; the cap
// keeps a runaway non-JSON stdout from growing without bound.
const MAX_UNREAD_CHARS = 4 * 1024 * 1024;

/** The error object Gemini ends stderr with on any failure, if there is one. */
const reportedError = (stderr: string): ErrorOutput | null => {
  const parsed = ErrorOutput.safeParse(lastJsonObject(stderr));
  return parsed.success ? parsed.data : null;
};

/** Reads `gemini -p --output-format stream-json` stdout, one line at a time. */
class GeminiStreamParser implements TargetParser {
  private sessionId: string | null = null;
  private model: string | null = null;
  private readonly answer = new AnswerText();
  private result: ResultEvent | null = null;
  private malformedResult = false;
  private readonly errorMessages: string[] = [];
  private readonly toolCalls = new Map<string, ToolCall>();
  private readonly denials: PermissionDenial[] = [];
  private readonly unread: string[] = [];
  private unreadChars = 0;

  push(line: string): LineInfo {
    const read = readEventLine(line, KNOWN_TYPES, GeminiEvent);
    if (read.kind === "not_event") return this.keepUnread(line);
    // The CLI echoes the whole prompt as a user message: it must never reach the log.
    const keepInLog = !(read.json["type"] === "message" && read.json["role"] === "user");
    if (read.kind === "event") return { ...this.apply(read.event), keepInLog };
    if (read.kind === "malformed" && read.type === "result") this.malformedResult = true;
    return { ...BARE_EVENT, keepInLog };
  }

  private keepUnread(line: string): LineInfo {
    if (this.unreadChars + line.length <= MAX_UNREAD_CHARS) {
      this.unread.push(line);
      this.unreadChars += line.length;
    }
    return NOT_AN_EVENT;
  }

  private apply(event: GeminiEvent): LineInfo {
    if (event.type !== "message") this.answer.close();
    switch (event.type) {
      case "init":
        this.sessionId = event.session_id;
        this.model = event.model ?? null;
        return { ...BARE_EVENT, sessionId: event.session_id };
      case "message":
        if (event.role !== "assistant") return BARE_EVENT;
        return { ...BARE_EVENT, text: this.answer.add(event.content, event.delta === true) };
      case "tool_use":
        this.toolCalls.set(event.tool_id, { name: event.tool_name, parameters: event.parameters });
        return { ...BARE_EVENT, toolCall: true };
      case "tool_result":
        if (event.status === "error" && isDenial(event.error?.type)) {
          this.denials.push(denialFor(event.tool_id, this.toolCalls.get(event.tool_id)));
        }
        return BARE_EVENT;
      case "error":
        if (event.severity === "error") this.errorMessages.push(event.message);
        return BARE_EVENT;
      case "result":
        this.result = event;
        return BARE_EVENT;
    }
  }

  finish(exit: ProcessExit): TargetOutcome {
    if (this.result) return this.fromResult(this.result, exit);
    if (this.malformedResult) return this.failed(unreadableOutput(exit));
    return this.fromJsonFormat() ?? this.failedWithoutResult(exit);
  }

  private fromResult(result: ResultEvent, exit: ProcessExit): TargetOutcome {
    const usage = usageFromStreamStats(result.stats);
    if (result.status === "success") {
      const text = this.answer.text ?? "";
      return { ...this.common(), usage, outcome: "completed", result: text, structured_output: null };
    }
    const error = this.classify(exit, result.error?.message ?? null, reportedError(exit.stderr));
    return { ...this.common(), usage, outcome: "failed", error, result: this.answer.text };
  }

  private fromJsonFormat(): TargetOutcome | null {
    const parsed = JsonOutput.safeParse(lastJsonObject(this.unread.join("\n")));
    if (!parsed.success) return null;
    const { session_id, response, stats } = parsed.data;
    const tokens = Object.values(stats?.models ?? {}).flatMap((model) =>
      model.tokens ? [model.tokens] : [],
    );
    return {
      ...this.common(),
      session_id: session_id ?? this.sessionId,
      usage: usageFromModelTokens(tokens),
      outcome: "completed",
      result: response,
      structured_output: null,
    };
  }

  private failedWithoutResult(exit: ProcessExit): TargetOutcome {
    const reported = reportedError(exit.stderr);
    if (reported === null && isCleanExit(exit)) return this.failed(unreadableOutput(exit));
    if (reported?.session_id) this.sessionId = reported.session_id;
    return this.failed(this.classify(exit, null, reported));
  }

  private classify(
    exit: ProcessExit,
    resultMessage: string | null,
    reported: ErrorOutput | null,
  ): ClassifiedError {
    const message = resultMessage ?? reported?.error.message ?? null;
    return classifyFailure({
      errorCode: reported?.error.code ?? null,
      text: [message ?? "", ...this.errorMessages, exit.stderr].join("\n"),
      detail: message ?? this.errorMessages.at(-1) ?? lastLine(exit.stderr),
      model: this.model,
      exit,
    });
  }

  private failed(error: ClassifiedError): TargetOutcome {
    const result = this.answer.text;
    return { ...this.common(), usage: EMPTY_USAGE, outcome: "failed", error, result };
  }

  private common(): Omit<TargetOutcome, "outcome" | "result" | "usage"> {
    return {
      session_id: this.sessionId,
      // Gemini CLI reports no cost.
      cost_usd: null,
      cost_source: null,
      permission_denials: this.denials,
    };
  }
}

export const createGeminiParser = (): TargetParser => new GeminiStreamParser();
