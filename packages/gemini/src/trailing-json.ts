import { parseJsonObject } from "@agent-companion/core/target-output";

const closingLineAfter = (lines: readonly string[], start: number): number =>
  lines.findIndex((line, index) => index > start && line.trimEnd() === "}");

/**
 * The last JSON object in mixed text. Gemini prints its error object pretty-printed at the
 * end of stderr, after log noise that itself contains JSON fragments; its json format is
 * the same pretty-printed shape on stdout.
 */
export const lastJsonObject = (text: string): Record<string, unknown> | null => {
  const lines = text.split("\n");
  for (let start = lines.length - 1; start >= 0; start -= 1) {
    const line = lines[start] ?? "";
    const end = line.trimEnd() === "{" ? closingLineAfter(lines, start) : start;
    if (end === -1) continue;
    const parsed = parseJsonObject(lines.slice(start, end + 1).join("\n"));
    if (parsed) return parsed;
  }
  return null;
};
