import { CompanionError, EXIT, type ExitCode } from "../errors/companion-error.js";

/** What a command hands back to the CLI shell: one JSON document and an exit code. */
export interface CommandOutput {
  document: unknown;
  exitCode: ExitCode;
  /** Readable text for --human; the JSON document is printed when absent. */
  human?: string;
}

export const errorDocument = (error: CompanionError) => ({
  ok: false,
  error: error.code,
  message: error.message,
  ...(error.suggestedAction ? { suggested_action: error.suggestedAction } : {}),
});

export function printOutput(output: CommandOutput, human: boolean): void {
  process.stdout.write(human && output.human !== undefined ? `${output.human}\n` : `${JSON.stringify(output.document, null, 2)}\n`);
}

/** Errors: the envelope on stdout (the machine contract) and one readable line on stderr. */
export function printError(error: unknown, human: boolean): ExitCode {
  const known =
    error instanceof CompanionError
      ? error
      : new CompanionError("io_error", `Unexpected failure: ${(error as Error)?.message ?? String(error)}`, {
          suggestedAction: "Re-run with the same arguments; if it persists, report it with the message above.",
        });
  const line = `error: ${known.message}${known.suggestedAction ? ` (${known.suggestedAction})` : ""}`;
  process.stderr.write(`${line}\n`);
  if (!human) process.stdout.write(`${JSON.stringify(errorDocument(known), null, 2)}\n`);
  else process.stdout.write(`${line}\n`);
  return known.exitCode ?? EXIT.failed;
}
