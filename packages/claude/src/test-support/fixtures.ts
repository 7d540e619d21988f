import { fixtureReader } from "@agent-companion/adapter-testing";

// Copies of shared/fixtures/real-cli, captured from the real CLI (FACTS.md).
export const { fixtureText, fixtureLines } = fixtureReader(new URL("./fixtures/", import.meta.url));
