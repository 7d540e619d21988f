import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { usageError } from "../errors/companion-error.js";
import type { ParsedCommand } from "./args.js";

/** The prompt from argv words, --prompt-file FILE, or --prompt-file - (stdin). */
export function readPrompt(parsed: Pick<ParsedCommand, "words" | "promptFile">, cwd: string): string {
  const file = parsed.promptFile;
  if (file !== undefined && parsed.words.length > 0) {
    throw usageError("Give the prompt either as words or with --prompt-file, not both.");
  }
  if (file === undefined) return parsed.words.join(" ");
  try {
    return readFileSync(file === "-" ? 0 : resolve(cwd, file), "utf8");
  } catch (error) {
    throw usageError(`--prompt-file: cannot read "${file}": ${(error as Error).message}`);
  }
}
