import { join } from "node:path";

// write_file, replace and run_shell_command were verified removed by such a policy (FACTS).
// The rest close other ways out of a read-only review: `edit` (an alias in some releases),
// save_memory (writes ~/.gemini/GEMINI.md), exit_plan_mode (plan mode may switch to
// executing), and the network tools, denied for parity with Claude's read-only set.
export const DENIED_TOOLS = [
  "write_file",
  "replace",
  "edit",
  "run_shell_command",
  "save_memory",
  "exit_plan_mode",
  "web_fetch",
  "google_web_search",
] as const;

export const POLICY_FILE_NAME = "read-only-policy.toml";

const rule = (toolName: string): string =>
  `[[rule]]\ntoolName = ${JSON.stringify(toolName)}\ndecision = "deny"\npriority = 100\n`;

const policyToml = (): string =>
  [
    "# Written by agent-companion for one read-only run: these tools are removed.\n",
    ...DENIED_TOOLS.map(rule),
  ].join("\n");

/** The policy file passed with --policy; core writes it (0600) before spawning. */
export const readOnlyPolicy = (privateDir: string): { path: string; content: string } => ({
  path: join(privateDir, POLICY_FILE_NAME),
  content: policyToml(),
});
