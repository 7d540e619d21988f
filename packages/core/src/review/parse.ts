import type { Finding, Review, Severity, Verdict } from "../record/schema.js";

/**
 * Pure: the review read out of the target's answer. The prompt asks for `FINDINGS:`,
 * `SUMMARY:` and a final `VERDICT:` line, but models write markdown, headings, bold
 * severities and tables anyway, so every common plain form is accepted. Structured output
 * (when the requester asked for one) is read first where it carries the same fields.
 */
export function readReview(answer: string, structured: unknown = null): Review {
  const fromText = readText(answer);
  const fromStructured = readStructured(structured);
  return {
    verdict: fromStructured.verdict ?? fromText.verdict,
    findings: fromStructured.findings ?? fromText.findings,
    summary: fromStructured.summary ?? fromText.summary,
  };
}

const SEVERITY_WORDS: Readonly<Record<string, Severity>> = {
  critical: "critical",
  blocker: "critical",
  high: "high",
  major: "high",
  medium: "medium",
  moderate: "medium",
  low: "low",
  minor: "low",
  nit: "low",
};
const SEVERITY = "critical|blocker|high|major|medium|moderate|low|minor|nit";

export const severityOf = (word: string): Severity | null => SEVERITY_WORDS[word.trim().toLowerCase()] ?? null;

const APPROVE = /^(?:approved?|approval|approving|lgtm|accept(?:ed)?|pass(?:ed)?|ship it|looks good)\b/;
const REQUEST = /^(?:request(?:ing)?[\s_-]*changes|changes[\s_-]*requested|request_changes|reject(?:ed)?|block(?:ed|ing)?|needs?[\s_-]*(?:changes|work|fixes)|do not merge|don't merge|not approved|fail(?:ed)?)\b/;
const MENTIONS_APPROVE = /\bapprove/;
const MENTIONS_CHANGES = /request[\s_-]*changes|changes[\s_-]*requested/;

/** Pure: a verdict from the words after "VERDICT"; null when absent or ambiguous ("APPROVE or REQUEST_CHANGES"). */
export function verdictOf(value: string): Verdict | null {
  const text = value.toLowerCase().replace(/^[\s"'`*_[(:=—–-]+/, "");
  if (MENTIONS_APPROVE.test(text) && MENTIONS_CHANGES.test(text)) return null;
  if (REQUEST.test(text)) return "request_changes";
  if (APPROVE.test(text)) return "approve";
  return null;
}

/** Markdown decoration and list markers removed: what a person reads on the line. */
function plain(line: string): string {
  return line
    .replace(/^\s*(?:>\s*)*(?:#{1,6}\s+)?(?:(?:[-*+•]|\d+[.)])\s+)?/, "")
    .replace(/\*\*|__|`/g, "")
    .trim();
}

const VERDICT_ON_LINE = /\bverdict\b\s*(?:is\b|would be\b)?\s*[:=—–-]*\s*(.*)$/i;
const VERDICT_HEADING = /^(?:final\s+)?verdict\s*:?$/i;

function readText(answer: string): Review {
  const lines = answer.split(/\r?\n/);
  let verdict: Verdict | null = null;
  const findings = new FindingReader();
  let summary: string | null = null;
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    if (/^\s*(```|~~~)/.test(raw)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    const text = plain(raw);
    const onLine = VERDICT_ON_LINE.exec(text);
    if (onLine !== null) {
      const value = VERDICT_HEADING.test(text) ? plain(nextNonEmpty(lines, i) ?? "") : (onLine[1] ?? "");
      verdict = verdictOf(value) ?? verdict;
      continue;
    }
    const summaryMatch = /^summary\s*[:—–-]\s*(.+)$/i.exec(text);
    if (summaryMatch?.[1] !== undefined) {
      summary = summaryMatch[1].trim();
      continue;
    }
    if (/^summary\s*:?$/i.test(text) && /^\s*#/.test(raw)) {
      summary = plain(nextNonEmpty(lines, i) ?? "") || summary;
      continue;
    }
    findings.feed(raw, text);
  }
  return { verdict, findings: findings.done(), summary: summary ?? firstParagraph(lines) };
}

function nextNonEmpty(lines: readonly string[], index: number): string | null {
  for (let j = index + 1; j < lines.length; j++) if ((lines[j] ?? "").trim() !== "") return lines[j] ?? null;
  return null;
}

const SUMMARY_CHARS = 500;

/** The opening prose, when no SUMMARY line was given. */
function firstParagraph(lines: readonly string[]): string | null {
  const paragraph: string[] = [];
  for (const raw of lines) {
    const text = raw.trim();
    if (text === "") {
      if (paragraph.length > 0) break;
      continue;
    }
    if (/^(#|[-*+]\s|\d+[.)]\s|\||```)/.test(text) || VERDICT_ON_LINE.test(text) || /^findings\b/i.test(plain(text))) {
      if (paragraph.length > 0) break;
      continue;
    }
    paragraph.push(plain(text));
  }
  const joined = paragraph.join(" ").trim();
  return joined === "" ? null : joined.length > SUMMARY_CHARS ? `${joined.slice(0, SUMMARY_CHARS - 1)}…` : joined;
}

interface Draft {
  severity: Severity | null;
  file: string | null;
  line: number | null;
  title: string;
  detail: string[];
}

const START = new RegExp(String.raw`^(\[|\()?\s*(${SEVERITY})(?:\s+(?:severity|priority|risk))?\s*(\]|\))?\s*([:—–|-])?\s*(.*)$`, "i");
const BOLD_START = new RegExp(String.raw`^\s*(?:>\s*)*(?:#{1,6}\s+)?(?:(?:[-*+•]|\d+[.)])\s+)?(?:\*\*|__)\s*[[(]?\s*(?:${SEVERITY})`, "i");
const FIELD = /^(severity|priority|file|path|location|where|line|description|details?|issue|problem|why|impact|explanation)\s*[:=]\s*(.*)$/i;
const HEADING = /^\s*(?:#{2,6}\s+|(?:\d+[.)])\s+\*\*|\*\*\d+[.)])/;

/** Collects findings line by line: one-line forms, heading blocks with fields, and tables. */
class FindingReader {
  private readonly findings: Finding[] = [];
  private current: Draft | null = null;

  feed(raw: string, text: string): void {
    if (text === "") return;
    if (/^\|/.test(raw.trim())) return this.tableRow(raw);
    const started = this.start(raw, text);
    if (started !== null) {
      this.flush();
      this.current = started;
      return;
    }
    const field = FIELD.exec(text);
    if (field !== null && this.current !== null) return this.field(this.current, (field[1] ?? "").toLowerCase(), field[2] ?? "");
    if (HEADING.test(raw)) {
      this.flush();
      this.current = { severity: null, file: null, line: null, title: stripNumber(text), detail: [] };
      return;
    }
    if (this.current !== null && /^\s+\S/.test(raw)) this.current.detail.push(text);
    else if (this.current?.severity !== null) this.flush();
  }

  done(): Finding[] {
    this.flush();
    return this.findings;
  }

  private start(raw: string, text: string): Draft | null {
    const listed = /^\s*(?:>\s*)*(?:#{1,6}\s+)?(?:(?:[-*+•]|\d+[.)])\s+)?/.exec(raw)?.[0] ?? "";
    const bold = BOLD_START.test(raw);
    const match = START.exec(text);
    if (match === null || (listed.trim() === "" && !bold && match[1] === undefined)) return null;
    const [, open, word = "", close, separator, rest = ""] = match;
    const delimited = (open !== undefined && close !== undefined) || bold || separator !== undefined;
    if (!delimited) return null;
    const severity = severityOf(word);
    return severity === null ? null : { severity, ...splitLocation(rest) };
  }

  private field(draft: Draft, name: string, value: string): void {
    if (name === "severity" || name === "priority") {
      draft.severity = severityOf(/\w+/.exec(value)?.[0] ?? "") ?? draft.severity;
    } else if (name === "line") {
      draft.line ??= Number(/\d+/.exec(value)?.[0] ?? Number.NaN) || null;
    } else if (["file", "path", "location", "where"].includes(name)) {
      const location = locate(value);
      draft.file ??= location?.file ?? (value.trim() || null);
      draft.line ??= location?.line ?? null;
    } else if (value.trim() !== "") draft.detail.push(value.trim());
  }

  private tableRow(raw: string): void {
    const cells = raw.trim().replace(/^\||\|$/g, "").split("|").map((cell) => plain(cell));
    const severityIndex = cells.findIndex((cell) => severityOf(cell.replace(/[[\]()]/g, "")) !== null);
    if (severityIndex < 0) return;
    this.flush();
    const others = cells.filter((_, i) => i !== severityIndex);
    const locationIndex = others.findIndex((cell) => locate(cell) !== null);
    const location = locationIndex >= 0 ? locate(others[locationIndex] ?? "") : null;
    const rest = others.filter((cell, i) => i !== locationIndex && !/^\d+$/.test(cell) && cell !== "");
    const lineCell = others.find((cell) => /^\d+$/.test(cell));
    this.findings.push({
      severity: severityOf(cells[severityIndex]?.replace(/[[\]()]/g, "") ?? "") ?? "low",
      file: location?.file ?? null,
      line: location?.line ?? (lineCell === undefined ? null : Number(lineCell)),
      title: rest[0] ?? "",
      detail: rest.slice(1).join(" — "),
    });
  }

  private flush(): void {
    const draft = this.current;
    this.current = null;
    if (draft?.severity == null) return;
    const [title, ...detail] = draft.title === "" && draft.detail.length > 0 ? draft.detail : [draft.title, ...draft.detail];
    this.findings.push({ severity: draft.severity, file: draft.file, line: draft.line, title: title ?? "", detail: detail.join(" ").trim() });
  }
}

const stripNumber = (text: string): string => text.replace(/^(?:finding\s*)?\d+[.):]\s*/i, "").trim();

interface Location {
  readonly file: string;
  readonly line: number | null;
}

const PATH = String.raw`((?:[\w@.+-]+/)*[\w@+-][\w.@+-]*\.[A-Za-z0-9]{1,10})`;
const LOCATION = new RegExp(String.raw`(?:^|[\s(\[,])${PATH}(?:(?::|#L)(\d+)(?:[-–:]\d+)?|,?\s*\(?lines?\s+(\d+)(?:[-–]\d+)?\)?)?`);

/** Pure: the first `path[:line]` (or `path (line N)`) in a piece of text. */
function locate(text: string): Location | null {
  const match = LOCATION.exec(text.replace(/`/g, ""));
  if (match === null) return null;
  const line = match[2] ?? match[3];
  return { file: match[1] ?? "", line: line === undefined ? null : Number(line) };
}

/** Pure: a finding's location, title and detail from the text after its severity. */
function splitLocation(rest: string): Pick<Draft, "file" | "line" | "title" | "detail"> {
  const text = rest.replace(/`/g, "");
  const match = LOCATION.exec(text);
  // A bare "name.ext" counts only at the start; elsewhere it may be prose ("e.g.", "Node.js").
  const usable = match !== null && (match.index === 0 || (match[1] ?? "").includes("/") || match[2] !== undefined || match[3] !== undefined);
  const location = usable && match !== null ? { file: match[1] ?? "", line: match[2] ?? match[3] } : null;
  const remainder = (usable && match !== null ? cut(text, match.index, match[0]) : text)
    .replace(/\(\s*\)/g, "")
    .replace(/^[\s:—–|,-]+/, "")
    .trim();
  const split = /^(.*?)(?::\s+|\s+[—–-]\s+)(.*)$/.exec(remainder);
  return {
    file: location?.file ?? null,
    line: location?.line === undefined ? null : Number(location.line),
    title: (split?.[1] ?? remainder).replace(/[.:]$/, "").trim(),
    detail: split?.[2] !== undefined ? [split[2].trim()] : [],
  };
}

/** The text without the location, and without the "in"/"at" that introduced it. */
function cut(text: string, index: number, matched: string): string {
  const before = text.slice(0, index).replace(/\s+(?:in|at|on|of)\s*$/i, "");
  return `${before}${matched.startsWith("(") ? "(" : " "}${text.slice(index + matched.length)}`;
}

function readStructured(value: unknown): { verdict: Verdict | null; findings: Finding[] | null; summary: string | null } {
  if (typeof value !== "object" || value === null) return { verdict: null, findings: null, summary: null };
  const record = value as Record<string, unknown>;
  const verdict = typeof record.verdict === "string" ? verdictOf(record.verdict) : null;
  const findings = Array.isArray(record.findings) ? record.findings.flatMap((item) => structuredFinding(item)) : null;
  return { verdict, findings, summary: typeof record.summary === "string" ? record.summary : null };
}

function structuredFinding(item: unknown): Finding[] {
  if (typeof item !== "object" || item === null) return [];
  const f = item as Record<string, unknown>;
  const severity = typeof f.severity === "string" ? severityOf(f.severity) : null;
  if (severity === null) return [];
  const text = (key: string): string => (typeof f[key] === "string" ? (f[key] as string) : "");
  return [{ severity, file: text("file") || null, line: typeof f.line === "number" && Number.isInteger(f.line) ? f.line : null, title: text("title"), detail: text("detail") }];
}
