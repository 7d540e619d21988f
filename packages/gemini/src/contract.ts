import type { ContractFacts } from "@agent-companion/core";
import { parseVersion } from "@agent-companion/core/target-output";

export const geminiContract: ContractFacts = {
  versionArgs: ["--version"],
  parseVersion,
  // The release whose flags and output were verified (FACTS.md, fixtures/real-cli).
  versionFloor: "0.61.0",
  helpArgs: ["--help"],
  requiredFlags: [
    "--prompt",
    "--output-format",
    "--approval-mode",
    "--policy",
    "--include-directories",
    "--skip-trust",
    "--resume",
    "--model",
  ],
};
