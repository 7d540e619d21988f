import type { ContractFacts } from "@agent-companion/core";
import { parseVersion } from "@agent-companion/core/target-output";

export const claudeContract: ContractFacts = {
  versionArgs: ["--version"],
  parseVersion,
  // The release whose flags and output were verified (FACTS.md, fixtures/real-cli).
  versionFloor: "2.1.330",
  helpArgs: ["--help"],
  requiredFlags: [
    "--print",
    "--output-format",
    "--verbose",
    "--include-partial-messages",
    "--tools",
    "--disallowedTools",
    "--permission-mode",
    "--setting-sources",
    "--strict-mcp-config",
    "--add-dir",
    "--resume",
    "--model",
    "--json-schema",
  ],
};
