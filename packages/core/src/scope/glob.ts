/**
 * The `--paths` glob dialect (custom-review). Patterns are POSIX paths relative to the
 * directory the command runs in (`--cwd`), like shell globs and git pathspecs:
 *
 *   *        any run of characters within one path segment (dotfiles included)
 *   ?        one character within a segment
 *   **       as a whole segment: zero or more segments (`src/**` = everything under src)
 *   {a,b}    alternatives, nestable (`src/*.{ts,tsx}`)
 *   \x       the character x literally (`\*`, `\{`, `\\`)
 *
 * A pattern that matches a directory selects every file beneath it (`src` = `src/**`);
 * a trailing `/` matches directories only. There are no character classes: `[` is
 * literal. Absolute paths, `..` segments, `.git` segments and leading `-` are refused.
 * Ignored files are selectable only by a literal pattern (no `*`, `?` after brace
 * expansion) that names the file exactly: `--paths .env` sends .env, `--paths '*'` never does.
 */

export type GlobCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const MAX_ALTERNATIVES = 1024;

/** Pure: whether a user pattern is acceptable (the CLI reports refusals as usage errors). */
export function checkPathGlob(pattern: string): GlobCheck {
  const refuse = (reason: string): GlobCheck => ({ ok: false, reason: `invalid --paths glob ${JSON.stringify(pattern)}: ${reason}` });
  if (pattern.length === 0) return refuse("empty");
  if (pattern.startsWith("-")) return refuse("looks like an option");
  if (pattern.startsWith("/")) return refuse("absolute paths are not allowed; use a path relative to the working directory");
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(pattern)) return refuse("contains a control character");
  let alternatives: string[];
  try {
    alternatives = expandBraces(pattern);
  } catch (error) {
    return refuse((error as Error).message);
  }
  for (const alternative of alternatives) {
    const segments = splitSegments(alternative).map(unescape);
    if (segments.includes("..")) return refuse("'..' segments are not allowed");
    if (segments.includes(".git")) return refuse("'.git' is never part of a review");
  }
  return { ok: true };
}

/** A compiled pattern: which universe paths it selects, and which exact paths it names. */
export interface CompiledGlob {
  readonly pattern: string;
  /** Root-relative POSIX path of a file → whether the pattern selects it. */
  readonly matches: (path: string) => boolean;
  /** Root-relative paths named literally (candidates even when git ignores them). */
  readonly literalPaths: readonly string[];
}

/** Pure: compiles a checked pattern; `prefix` is the cwd relative to the root ("" at the root). */
export function compileGlob(pattern: string, prefix: string): CompiledGlob {
  const rooted = rootPattern(pattern, prefix);
  const dirOnly = rooted.endsWith("/");
  const alternatives = expandBraces(dirOnly ? rooted.slice(0, -1) : rooted);
  const regexes = alternatives.map((alternative) => new RegExp(`^${toRegexSource(splitSegments(alternative))}$`, "s"));
  const test = (candidate: string) => regexes.some((regex) => regex.test(candidate));
  const literalPaths = dirOnly ? [] : alternatives.filter(isLiteral).map((alternative) => splitSegments(alternative).map(unescape).join("/"));
  return {
    pattern,
    literalPaths,
    matches: (path) => (!dirOnly && test(path)) || ancestors(path).some(test),
  };
}

function rootPattern(pattern: string, prefix: string): string {
  const relative = pattern.replace(/^(?:\.\/)+/, "").replace(/^\.$/, "");
  const base = prefix.split("/").filter(Boolean).map(escapeLiteral).join("/");
  if (relative === "") return base === "" ? "**" : `${base}/`;
  return base === "" ? relative : `${base}/${relative}`;
}

const escapeLiteral = (text: string): string => text.replace(/[\\*?{},]/g, (c) => `\\${c}`);

function ancestors(path: string): string[] {
  const parts = path.split("/");
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** Splits on unescaped `/`, dropping empty and `.` segments; collapses repeated `**`. */
function splitSegments(pattern: string): string[] {
  const segments: string[] = [];
  let current = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\" && i + 1 < pattern.length) {
      current += c + pattern[++i];
    } else if (c === "/") {
      segments.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  segments.push(current);
  return segments.filter((s, i, all) => s !== "" && s !== "." && !(s === "**" && all[i - 1] === "**"));
}

function toRegexSource(segments: readonly string[]): string {
  let source = "";
  let needSlash = false;
  segments.forEach((segment, i) => {
    if (segment !== "**") {
      source += (needSlash ? "/" : "") + segmentSource(segment);
      needSlash = true;
    } else if (i === segments.length - 1) {
      source += needSlash ? "/.+" : ".+";
    } else {
      source += needSlash ? "(?:/[^/]+)*" : "(?:[^/]+/)*";
    }
  });
  return source;
}

function segmentSource(segment: string): string {
  let source = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] ?? "";
    if (c === "\\" && i + 1 < segment.length) source += escapeRegex(segment[++i] ?? "");
    else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else source += escapeRegex(c);
  }
  return source;
}

const escapeRegex = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, (m) => `\\${m}`);

function isLiteral(alternative: string): boolean {
  for (let i = 0; i < alternative.length; i++) {
    const c = alternative[i];
    if (c === "\\") i++;
    else if (c === "*" || c === "?") return false;
  }
  return true;
}

const unescape = (text: string): string => text.replace(/\\(.)/gs, "$1");

/** Pure: `{a,b}` alternatives expanded (escapes kept); braces without a comma stay literal. */
export function expandBraces(pattern: string): string[] {
  const done: string[] = [];
  const pending = [pattern];
  // A worklist with a cap, so a pattern like `{a,b}` × 30 fails fast instead of exploding.
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const group = findBraceGroup(next);
    if (group === null) done.push(next);
    else {
      const head = next.slice(0, group.open);
      const tail = next.slice(group.close + 1);
      pending.push(...group.options.map((option) => head + option + tail).reverse());
    }
    if (done.length + pending.length > MAX_ALTERNATIVES) {
      throw new Error(`brace expansion exceeds ${MAX_ALTERNATIVES} alternatives`);
    }
  }
  return done;
}

interface BraceGroup {
  readonly open: number;
  readonly close: number;
  readonly options: string[];
}

function findBraceGroup(pattern: string): BraceGroup | null {
  for (let open = 0; open < pattern.length; open++) {
    if (pattern[open] === "\\") open++;
    else if (pattern[open] === "{") {
      const group = readGroup(pattern, open);
      if (group !== null) return group;
    }
  }
  return null;
}

function readGroup(pattern: string, open: number): BraceGroup | null {
  const options: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && depth > 0) depth--;
    else if (c === "," && depth === 0) {
      options.push(pattern.slice(start, i));
      start = i + 1;
    } else if (c === "}") {
      options.push(pattern.slice(start, i));
      return options.length > 1 ? { open, close: i, options } : null;
    }
  }
  return null;
}
