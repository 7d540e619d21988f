import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Outputs captured from the pinned real CLIs (Claude Code 2.1.330, Gemini CLI 0.61.0). */
export const FIXTURES_DIR = fileURLToPath(new URL("../fixtures/", import.meta.url));

export const fixtureText = (name: string): string => readFileSync(new URL(name, new URL("../fixtures/", import.meta.url)), "utf8");

export const fixtureLines = (name: string): string[] => fixtureText(name).split("\n").filter((line) => line.trim() !== "");
