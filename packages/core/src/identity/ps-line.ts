export type PsLineParse =
  | { outcome: "parsed"; starttime: string; argv0: string }
  | { outcome: "malformed"; reason: string };

/** `lstart` under LC_ALL=C: "Mon Jan  1 12:00:00 2024" (the day is space-padded). */
const LSTART_THEN_COMM = /^\s*([A-Z][a-z]{2}) ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}:\d{2}:\d{2}) (\d{4}) +(\S.*)$/;

/**
 * Parses the output of `ps -o lstart=,comm= -p <pid>`: exactly one line. The start time is
 * normalised to single spaces so a padding change between ps versions cannot fake a mismatch.
 */
export const parsePsLine = (output: string): PsLineParse => {
  const lines = output.split("\n").filter((line) => line.trim() !== "");
  if (lines.length !== 1) return { outcome: "malformed", reason: `expected one line from ps, got ${lines.length}` };
  const match = LSTART_THEN_COMM.exec(lines[0] ?? "");
  if (match === null) return { outcome: "malformed", reason: `unrecognised ps line ${JSON.stringify(lines[0]?.slice(0, 120))}` };
  const [, weekday, month, day, time, year, comm] = match;
  return {
    outcome: "parsed",
    starttime: `${weekday} ${month} ${day} ${time} ${year}`,
    argv0: (comm ?? "").trimEnd(),
  };
};
