/** The fields of /proc/<pid>/stat that identity and signalling use. */
export interface ProcStat {
  pid: number;
  comm: string;
  /** Field 3: R, S, D, Z (zombie), T, t, X, I, … */
  state: string;
  /** Field 5: process group id. */
  pgid: number;
  /** Field 22: start time in clock ticks since boot, kept as text (it can exceed 2^53 in theory). */
  starttime: string;
}

export type ProcStatParse =
  | { outcome: "parsed"; stat: ProcStat }
  | { outcome: "malformed"; reason: string };

const STATE_FIELD = 3;
const PGID_FIELD = 5;
const STARTTIME_FIELD = 22;
/** Fields after comm start at field 3. */
const FIRST_FIELD_AFTER_COMM = 3;

const malformed = (reason: string): ProcStatParse => ({ outcome: "malformed", reason });

/**
 * Parses /proc/<pid>/stat. comm (field 2) may hold spaces and parentheses, so the fields after
 * it are found after the LAST ')' in the line.
 */
export const parseProcStat = (text: string): ProcStatParse => {
  const open = text.indexOf(" (");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) return malformed("no '(comm)' in stat line");
  const pidText = text.slice(0, open);
  if (!/^\d+$/.test(pidText)) return malformed(`pid field is ${JSON.stringify(pidText)}`);
  const rest = text.slice(close + 1).trim().split(/\s+/);
  const field = (n: number): string | undefined => rest[n - FIRST_FIELD_AFTER_COMM];
  const state = field(STATE_FIELD);
  const pgid = field(PGID_FIELD);
  const starttime = field(STARTTIME_FIELD);
  if (state === undefined || !/^[A-Za-z]$/.test(state)) return malformed(`state field is ${JSON.stringify(state)}`);
  if (pgid === undefined || !/^-?\d+$/.test(pgid)) return malformed(`pgid field is ${JSON.stringify(pgid)}`);
  if (starttime === undefined || !/^\d+$/.test(starttime)) {
    return malformed(`starttime field is ${JSON.stringify(starttime)}`);
  }
  return {
    outcome: "parsed",
    stat: { pid: Number(pidText), comm: text.slice(open + 2, close), state, pgid: Number(pgid), starttime },
  };
};

export const isZombie = (stat: ProcStat): boolean => stat.state === "Z" || stat.state === "X";
