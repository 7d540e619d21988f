import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Captured real-CLI outputs: an exact copy of shared/fixtures/real-cli (see FACTS.md). */
export const FIXTURES_DIR = fileURLToPath(new URL("../fixtures/", import.meta.url));

export const fixtureText = (name: string): string => readFileSync(new URL(name, new URL("../fixtures/", import.meta.url)), "utf8");

export const fixtureLines = (name: string): string[] => fixtureText(name).split("\n").filter((line) => line.trim() !== "");
