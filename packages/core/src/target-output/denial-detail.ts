import { oneLine } from "./one-line.js";

// Keys that name what a tool call targeted, most telling first. Content-bearing keys
// (file content, new_string) are deliberately absent: a denial must never store them.
const TARGET_KEYS = ["file_path", "notebook_path", "path", "dir_path", "url", "command", "pattern"];

/** A short single-line description of what a denied tool call attempted. */
export const denialDetail = (input: unknown): string | null => {
  if (typeof input !== "object" || input === null) return null;
  const record = input as Record<string, unknown>;
  for (const key of TARGET_KEYS) {
    const value = record[key];
    if (typeof value === "string" && value.trim() !== "") return oneLine(value, 200);
  }
  return null;
};
