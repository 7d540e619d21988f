import type { ProcessExit } from "../adapter/adapter.js";

/** The last non-blank line of a text such as stderr: where CLIs put their final error. */
export const lastLine = (text: string): string | null =>
  text.split("\n").map((line) => line.trim()).filter(Boolean).at(-1) ?? null;

/** How a process ended, as words for an error message. */
export const exitDescription = (exit: ProcessExit): string =>
  exit.signal ? `signal ${exit.signal}` : `exit code ${exit.exitCode ?? "unknown"}`;

/** True when the process exited 0 on its own: a failure then means its output was unreadable. */
export const isCleanExit = (exit: ProcessExit): boolean => exit.exitCode === 0 && exit.signal === null;

/** A classification table: the first rule whose pattern matches the text wins. */
export type TextRules<Code extends string> = readonly (readonly [Code, RegExp])[];

export const codeForText = <Code extends string>(rules: TextRules<Code>, text: string): Code | null =>
  rules.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
