import { CompanionError, EXIT, type ExitCode } from "../errors/companion-error.js";
import type { OperationResult } from "../commands/operation.js";
import { writeStderr, writeStdout } from "./stdio.js";

/** The error envelope of SPEC §3.1, printed by the CLI and returned by MCP tool errors. */
export const errorDocument = (error: CompanionError) => ({
  ok: false,
  error: error.code,
  message: error.message,
  ...(error.suggestedAction ? { suggested_action: error.suggestedAction } : {}),
});

/** Any failure as a CompanionError: an unexpected one is an I/O error with a next step. */
export const asCompanionError = (error: unknown): CompanionError =>
  error instanceof CompanionError
    ? error
    : new CompanionError("io_error", `Unexpected failure: ${(error as Error)?.message ?? String(error)}`, {
        suggestedAction: "Re-run with the same arguments; if it persists, report it with the message above.",
      });

export function printOutput(output: OperationResult, human: boolean): void {
  if (output.notice !== undefined) writeStderr(`${output.notice}\n`);
  writeStdout(human && output.human !== undefined ? `${output.human}\n` : `${output.json ?? JSON.stringify(output.document, null, 2)}\n`);
}

/**
 * Errors: the envelope on stdout (the machine contract) and one readable line on stderr.
 * With --human only that line, on stderr: stdout stays empty, so a script capturing it
 * never mistakes an error for an answer.
 */
export function printError(error: unknown, human: boolean): ExitCode {
  const known = asCompanionError(error);
  writeStderr(`error: ${known.message}${known.suggestedAction ? ` (${known.suggestedAction})` : ""}\n`);
  if (!human) writeStdout(`${JSON.stringify(errorDocument(known), null, 2)}\n`);
  return known.exitCode ?? EXIT.failed;
}
