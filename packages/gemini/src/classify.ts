import type { ClassifiedError, ErrorCode, ProcessExit, TextRules } from "@agent-companion/core";
import { codeForText, errorCodeForHttpStatus, exitDescription, oneLine } from "@agent-companion/core/target-output";

/** Everything known about a failed run: exit code, the error object, error events, stderr. */
export interface GeminiFailure {
  /** The `code` of the error object, which is the HTTP status for API errors. */
  readonly errorCode: number | string | null;
  /** All error text: matched against patterns, never copied whole. */
  readonly text: string;
  /** The most specific one-line description of the failure, quoted for target errors. */
  readonly detail: string | null;
  readonly model: string | null;
  readonly exit: ProcessExit;
}

type Classified = Exclude<ErrorCode, "parse_error">;
type Explanation = Omit<ClassifiedError, "error_code">;

const FATAL_AUTH_EXIT = 41;

// An API error ends the CLI with its HTTP status modulo 256 (401 → 145, verified).
const STATUS_BY_EXIT: Readonly<Record<number, number>> = { 145: 401, 147: 403, 148: 404, 173: 429 };

// Checked first: a quota exhaustion also arrives as 429 RESOURCE_EXHAUSTED. Google's plain
// rate-limit message says "(e.g. check quota)", so "quota" alone must not match.
const USAGE_LIMIT =
  /quota exceeded|exceeded (your|the) (current )?quota|exhausted your (daily )?quota|daily quota|usage limit|credit balance|billing|insufficient (credit|funds|balance)/i;

// Bare status numbers must not be part of a longer token (timestamps in report paths).
const TEXT_RULES: TextRules<Classified> = [
  [
    "not_authed",
    /UNAUTHENTICATED|PERMISSION_DENIED|API key not valid|invalid api key|must specify the GEMINI_API_KEY|invalid auth method|not logged in|(?<![\w-])401(?![\w-])/i,
  ],
  ["model_not_found", /ModelNotFoundError|model[^.\n]{0,80}not (be )?found|unknown model|invalid model/i],
  ["rate_limited", /RESOURCE_EXHAUSTED|rate.?limit|too many requests|(?<![\w-])429(?![\w-])/i],
];

const httpStatus = (failure: GeminiFailure): number | null => {
  const code = Number(failure.errorCode);
  if (Number.isInteger(code) && code >= 400 && code < 600) return code;
  return STATUS_BY_EXIT[failure.exit.exitCode ?? -1] ?? null;
};

const errorCodeFor = (failure: GeminiFailure): Classified => {
  if (USAGE_LIMIT.test(failure.text)) return "usage_limited";
  const byStatus = errorCodeForHttpStatus(httpStatus(failure));
  if (byStatus) return byStatus;
  if (failure.exit.exitCode === FATAL_AUTH_EXIT) return "not_authed";
  return codeForText(TEXT_RULES, failure.text) ?? "target_error";
};

const RETRY_ACTION =
  "Retry the job; if it fails again, run `companion-gemini doctor` and check the job's log.";

// Gemini CLI's own fatal exit codes (FatalInputError 42 … untrusted workspace 55).
const FATAL_EXITS: Readonly<Record<number, Explanation>> = {
  42: {
    message: "Gemini CLI rejected its input (exit code 42).",
    suggested_action:
      "If this was a `continue`, the session resumes only from the directory it started in; otherwise retry.",
  },
  44: {
    message: "Gemini CLI could not start its sandbox (exit code 44).",
    suggested_action: "Turn the sandbox off in Gemini settings (or unset GEMINI_SANDBOX) and retry.",
  },
  52: {
    message: "Gemini CLI found its configuration invalid (exit code 52).",
    suggested_action: "Check ~/.gemini/settings.json and the project's .gemini/settings.json.",
  },
  53: {
    message: "Gemini CLI stopped after reaching its turn limit (exit code 53).",
    suggested_action: "Narrow the task, or raise model.maxSessionTurns in Gemini settings.",
  },
  54: { message: "A Gemini CLI tool failed fatally (exit code 54).", suggested_action: RETRY_ACTION },
  55: {
    message: "Gemini CLI refused to run in an untrusted workspace (exit code 55).",
    suggested_action:
      "Run `companion-gemini doctor`: the installed Gemini CLI may predate --skip-trust.",
  },
};

const targetError = (failure: GeminiFailure): Explanation => {
  const fatal = FATAL_EXITS[failure.exit.exitCode ?? -1];
  if (fatal) return fatal;
  const message = failure.detail
    ? `Gemini CLI failed: ${oneLine(failure.detail, 200)}`
    : `Gemini CLI failed (${exitDescription(failure.exit)}).`;
  return { message, suggested_action: RETRY_ACTION };
};

const explain = (code: Classified, failure: GeminiFailure): Explanation => {
  switch (code) {
    case "not_authed":
      return {
        message: "Gemini CLI is not authenticated or its credentials were rejected.",
        suggested_action:
          "Set GEMINI_API_KEY (or configure Vertex AI) and run with --auth-mode api_key or auto; check security.auth.selectedType in ~/.gemini/settings.json.",
      };
    case "rate_limited":
      return {
        message: "The Gemini API rate-limited the request.",
        suggested_action: "Wait a few minutes, then retry or `continue` the job.",
      };
    case "usage_limited":
      return {
        message: "The Gemini account or API key has exhausted its quota.",
        suggested_action: "Wait for the quota to reset, raise it in Google Cloud, or use another key.",
      };
    case "model_not_found":
      return {
        message: `The model ${failure.model ?? "selected for this run"} is unknown or not available to this account.`,
        suggested_action:
          "Choose another model with --model or COMPANION_GEMINI_MODEL, or set neither to use Gemini CLI's default.",
      };
    default:
      return targetError(failure);
  }
};

export const classifyFailure = (failure: GeminiFailure): ClassifiedError => {
  const error_code = errorCodeFor(failure);
  return { error_code, ...explain(error_code, failure) };
};

/** The run ended without a final result or error we could read. */
export const unreadableOutput = (exit: ProcessExit): ClassifiedError => ({
  error_code: "parse_error",
  message: `Gemini CLI ended without a readable final result (${exitDescription(exit)}).`,
  suggested_action:
    "Run `companion-gemini doctor` to check the installed Gemini CLI against the supported version, then retry.",
});
