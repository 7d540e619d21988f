import type { ErrorCode } from "../record/schema.js";

/**
 * Operation-level error codes (the CLI envelope's `error`), a superset of the job-level
 * `ErrorCode` set that can also appear when a command fails before or outside a job.
 */
export type CommandErrorCode =
  | ErrorCode
  | "usage_error"
  | "not_found"
  | "not_terminal"
  | "not_continuable"
  | "corrupt_record"
  | "unsupported_schema"
  | "io_error"
  | "cancel_failed"
  | "signal_failed"
  | "wait_timeout"
  | "apply_conflict"
  | "already_applied"
  | "not_applicable";

/** Exit codes of SPEC §3.1. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  refused: 3,
  waitTimeout: 124,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error a user sees: a stable code, one readable sentence, and what to do next. */
export class CompanionError extends Error {
  readonly code: CommandErrorCode;
  readonly suggestedAction: string | null;
  readonly exitCode: ExitCode;

  constructor(
    code: CommandErrorCode,
    message: string,
    options: { suggestedAction?: string; exitCode?: ExitCode; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "CompanionError";
    this.code = code;
    this.suggestedAction = options.suggestedAction ?? null;
    this.exitCode = options.exitCode ?? (code === "usage_error" ? EXIT.usage : EXIT.failed);
  }
}

export const usageError = (message: string, suggestedAction?: string): CompanionError =>
  new CompanionError("usage_error", message, {
    suggestedAction: suggestedAction ?? "Run the command with --help to see its flags.",
  });
