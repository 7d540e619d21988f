import { readFileSync } from "node:fs";

/** Reads captured real-CLI outputs (copies of shared/fixtures/real-cli) from an adapter's fixture folder. */
export function fixtureReader(folder: URL): { fixtureText(name: string): string; fixtureLines(name: string): string[] } {
  const fixtureText = (name: string): string => readFileSync(new URL(name, folder), "utf8");
  return {
    fixtureText,
    fixtureLines: (name) => fixtureText(name).split("\n").filter((line) => line.trim() !== ""),
  };
}
