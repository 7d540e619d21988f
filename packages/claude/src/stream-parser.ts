import type { ClassifiedError, LineInfo, PermissionDenial, ProcessExit, TargetOutcome, TargetParser } from "@agent-companion/core";
import { BARE_EVENT, denialDetail, EMPTY_USAGE, isCleanExit, lastLine, NOT_AN_EVENT, readEventLine } from "@agent-companion/core/target-output";
import { classifyFailure, unreadableOutput } from "./classify.js";
import { normaliseDenial } from "./denials.js";
import { ClaudeEvent, KNOWN_TYPES, type PartialEvent, type ResultEvent } from "./events.js";
import { normaliseUsage } from "./usage.js";

type SystemEvent = Extract<ClaudeEvent, { type: "system" }>;
type AssistantEvent = Extract<ClaudeEvent, { type: "assistant" }>;

const eventInfo = (
  sessionId: string | null | undefined,
  extra: Partial<LineInfo> = {},
): LineInfo => ({
  ...BARE_EVENT,
  sessionId: sessionId ?? null,
  ...extra,
});

/** Reads `claude -p --output-format stream-json --verbose` stdout, one line at a time. */
class ClaudeStreamParser implements TargetParser {
  private sessionId: string | null = null;
  private model: string | null = null;
  private answerText: string | null = null;
  /** The message being streamed, delta by delta (--include-partial-messages). */
  private partialText = "";
  private result: ResultEvent | null = null;
  private malformedResult = false;
  private retryStatus: number | null = null;
  private readonly toolInputs = new Map<string, unknown>();
  private readonly streamDenials: PermissionDenial[] = [];

  push(line: string): LineInfo {
    const read = readEventLine(line, KNOWN_TYPES, ClaudeEvent);
    if (read.kind === "not_event") return NOT_AN_EVENT;
    if (read.kind === "event") return this.apply(read.event);
    if (read.kind === "malformed" && read.type === "result") this.malformedResult = true;
    const sessionId = read.json["session_id"];
    return eventInfo(typeof sessionId === "string" ? sessionId : null);
  }

  private apply(event: ClaudeEvent): LineInfo {
    if (event.session_id) this.sessionId = event.session_id;
    switch (event.type) {
      case "system":
        this.applySystem(event);
        return eventInfo(event.session_id);
      case "assistant":
        return this.applyAssistant(event);
      case "stream_event":
        return eventInfo(event.session_id, { text: this.applyPartial(event) });
      case "result":
        this.result = event;
        return eventInfo(event.session_id);
      default:
        return eventInfo(event.session_id);
    }
  }

  private applySystem(event: SystemEvent): void {
    if (event.subtype === "init") this.model = event.model ?? null;
    if (event.subtype === "api_retry") this.retryStatus = event.error_status ?? null;
    if (event.subtype === "permission_denied" && event.tool_name) {
      const id = event.tool_use_id ?? null;
      this.streamDenials.push({
        tool_name: event.tool_name,
        tool_use_id: id,
        detail: id === null ? null : denialDetail(this.toolInputs.get(id)),
      });
    }
  }

  /** The text streamed so far of the current message, when this event added to it. */
  private applyPartial({ event }: PartialEvent): string | null {
    if (event.type === "message_start") this.partialText = "";
    if (event.type !== "content_block_delta" || event.delta?.type !== "text_delta" || !event.delta.text) return null;
    this.partialText += event.delta.text;
    return this.partialText;
  }

  private applyAssistant(event: AssistantEvent): LineInfo {
    let text: string | null = null;
    let toolCall = false;
    for (const block of event.message.content) {
      if ("text" in block) text = (text ?? "") + block.text;
      if ("name" in block) {
        toolCall = true;
        this.toolInputs.set(block.id, block.input);
      }
    }
    // The CLI describes API failures as a synthetic assistant message: not answer text.
    if (event.is_api_error_message) text = null;
    if (text !== null) this.answerText = text;
    return eventInfo(event.session_id, { toolCall, text });
  }

  finish(exit: ProcessExit): TargetOutcome {
    const result = this.result;
    if (result === null) return this.failedWithoutResult(exit);
    const common = {
      session_id: result.session_id ?? this.sessionId,
      usage: normaliseUsage(result.usage),
      // The CLI prices tokens itself at list prices, whatever endpoint served them.
      cost_usd: result.total_cost_usd ?? null,
      cost_source: result.total_cost_usd == null ? null : ("estimated" as const),
      permission_denials: result.permission_denials?.map(normaliseDenial) ?? this.streamDenials,
    };
    if (!result.is_error && result.subtype === "success") {
      return {
        ...common,
        outcome: "completed",
        result: result.result ?? "",
        structured_output: result.structured_output ?? null,
      };
    }
    const error = this.classifyResult(result, exit);
    return { ...common, outcome: "failed", error, result: this.answerText };
  }

  private classifyResult(result: ResultEvent, exit: ProcessExit): ClassifiedError {
    const errors = result.errors ?? [];
    return classifyFailure({
      status: result.api_error_status ?? null,
      errorType: result.api_error_type ?? null,
      subtype: result.subtype,
      text: [result.result ?? "", ...errors, exit.stderr].join("\n"),
      detail: errors[0] ?? result.result ?? lastLine(exit.stderr),
      model: this.model,
      exit,
    });
  }

  private failedWithoutResult(exit: ProcessExit): TargetOutcome {
    const error =
      isCleanExit(exit) || this.malformedResult
        ? unreadableOutput(exit)
        : classifyFailure({
            status: this.retryStatus,
            errorType: null,
            subtype: null,
            text: exit.stderr,
            detail: lastLine(exit.stderr),
            model: this.model,
            exit,
          });
    return {
      outcome: "failed",
      error,
      result: this.answerText,
      session_id: this.sessionId,
      usage: EMPTY_USAGE,
      cost_usd: null,
      cost_source: null,
      permission_denials: this.streamDenials,
    };
  }
}

export const createClaudeParser = (): TargetParser => new ClaudeStreamParser();
