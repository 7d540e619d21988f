import type { LineInfo, ProcessExit, TargetOutcome, TargetParser } from "@agent-companion/core";

export const exitWith = (exitCode: number | null, stderr = "", signal: string | null = null): ProcessExit => ({
  exitCode,
  signal,
  stderr,
});

/** Feeds every line to a fresh parser and finishes it, as core does for one process. */
export const runParser = (
  parser: TargetParser,
  lines: readonly string[],
  exit: ProcessExit,
): { infos: LineInfo[]; outcome: TargetOutcome } => {
  const infos = lines.map((line) => parser.push(line));
  return { infos, outcome: parser.finish(exit) };
};
