import type { ClassifiedError, ErrorCode, ProcessExit, TextRules } from "@agent-companion/core";
import { codeForText, errorCodeForHttpStatus, exitDescription, oneLine } from "@agent-companion/core/target-output";

/** Everything known about a failed run, gathered from the result object and stderr. */
export interface ClaudeFailure {
  readonly status: number | null;
  readonly errorType: string | null;
  readonly subtype: string | null;
  /** All error text (result, stderr): matched against patterns, never copied whole. */
  readonly text: string;
  /** The most specific one-line description of the failure, quoted for target errors. */
  readonly detail: string | null;
  readonly model: string | null;
  readonly exit: ProcessExit;
}

type Classified = Exclude<ErrorCode, "parse_error">;

// Checked first: quota and billing failures also arrive as 429s or auth-looking errors.
const USAGE_LIMIT =
  /usage limit|limit reached|hit your limit|credit balance|quota|billing|insufficient (credit|funds|balance)|out of credits/i;

const API_ERROR_TYPES: Readonly<Record<string, Classified>> = {
  authentication_error: "not_authed",
  permission_error: "not_authed",
  billing_error: "usage_limited",
  rate_limit_error: "rate_limited",
  not_found_error: "model_not_found",
};

// Bare status numbers must not be part of a longer token (timestamps, ids).
const TEXT_RULES: TextRules<Classified> = [
  [
    "not_authed",
    /not logged in|run \/login|invalid api key|invalid x-api-key|failed to authenticate|oauth token (has )?expired|(?<![\w-])401(?![\w-])/i,
  ],
  [
    "model_not_found",
    /issue with the selected model|model[^.\n]{0,80}(not found|does not exist|not available)|unknown model|invalid model/i,
  ],
  ["rate_limited", /rate.?limit|too many requests|(?<![\w-])429(?![\w-])/i],
];

const errorCodeFor = (failure: ClaudeFailure): Classified => {
  if (USAGE_LIMIT.test(failure.text)) return "usage_limited";
  const byStatus = errorCodeForHttpStatus(failure.status);
  if (byStatus) return byStatus;
  const byType = failure.errorType ? API_ERROR_TYPES[failure.errorType] : undefined;
  if (byType) return byType;
  return codeForText(TEXT_RULES, failure.text) ?? "target_error";
};

const RETRY_ACTION =
  "Retry the job; if it fails again, run `companion-claude doctor` and check the job's log.";

const targetErrorMessage = (failure: ClaudeFailure): string => {
  if (failure.subtype === "error_max_turns") return "Claude Code stopped after reaching its turn limit.";
  if (failure.subtype === "error_max_budget_usd") return "Claude Code stopped at its spending budget.";
  if (failure.status !== null) return `Claude Code failed with an API error (HTTP ${failure.status}).`;
  if (failure.detail) return `Claude Code failed: ${oneLine(failure.detail, 200)}`;
  return `Claude Code failed (${exitDescription(failure.exit)}).`;
};

const explain = (code: Classified, failure: ClaudeFailure): Omit<ClassifiedError, "error_code"> => {
  switch (code) {
    case "not_authed":
      return {
        message: "Claude Code is not logged in or its credentials were rejected.",
        suggested_action:
          "Run `claude /login`, or use --auth-mode api_key with ANTHROPIC_API_KEY set.",
      };
    case "rate_limited":
      return {
        message: "The Anthropic API rate-limited the request.",
        suggested_action: "Wait a few minutes, then retry or `continue` the job.",
      };
    case "usage_limited":
      return {
        message: "The Claude account or API key has reached its usage or credit limit.",
        suggested_action:
          "Wait for the limit to reset or add credits, or run with another --auth-mode.",
      };
    case "model_not_found":
      return {
        message: `The model ${failure.model ?? "selected for this run"} is unknown or not available to this account.`,
        suggested_action:
          "Choose another model with --model or COMPANION_CLAUDE_MODEL, or set neither to use Claude Code's default.",
      };
    default:
      return { message: targetErrorMessage(failure), suggested_action: RETRY_ACTION };
  }
};

export const classifyFailure = (failure: ClaudeFailure): ClassifiedError => {
  const error_code = errorCodeFor(failure);
  return { error_code, ...explain(error_code, failure) };
};

/** The run ended without a final result we could read. */
export const unreadableOutput = (exit: ProcessExit): ClassifiedError => ({
  error_code: "parse_error",
  message: `Claude Code ended without a readable final result (${exitDescription(exit)}).`,
  suggested_action:
    "Run `companion-claude doctor` to check the installed Claude Code against the supported version, then retry.",
});
