/** What the e2e tests need to know about each target's tools and auth, in its own names. */
import type { Script, ToolCallTurn, Turn } from "@agent-companion/model-server";
import type { Target } from "../../support/companion.js";

export interface TargetFacts {
  /** The tool a review must still offer. */
  readonly readTool: string;
  /** Tools that change files or run commands: never offered to a review. */
  readonly writeTools: readonly string[];
  writeCall(filePath: string, content: string): ToolCallTurn;
  readCall(filePath: string): Turn;
  /** Flags that let the sandbox's API key through (SPEC §8 defaults differ per target). */
  readonly authArgs: readonly string[];
}

const claude: TargetFacts = {
  readTool: "Read",
  writeTools: ["Write", "Edit", "MultiEdit", "NotebookEdit", "Bash"],
  writeCall: (filePath, content) => ({ kind: "tool_call", name: "Write", input: { file_path: filePath, content } }),
  readCall: (filePath) => ({ kind: "tool_call", name: "Read", input: { file_path: filePath } }),
  // The default `subscription` withholds ANTHROPIC_* from the target, on purpose.
  authArgs: ["--auth-mode", "api_key"],
};

const gemini: TargetFacts = {
  readTool: "read_file",
  writeTools: ["write_file", "replace", "edit", "run_shell_command"],
  writeCall: (filePath, content) => ({ kind: "tool_call", name: "write_file", input: { file_path: filePath, content } }),
  readCall: (filePath) => ({ kind: "tool_call", name: "read_file", input: { file_path: filePath } }),
  authArgs: [],
};

export const factsOf = (target: Target): TargetFacts => (target === "claude" ? claude : gemini);

/** A script that plays `turns` to this target's API only. */
export const scriptFor = (target: Target, turns: readonly Turn[]): Script => (target === "claude" ? { anthropic: turns } : { gemini: turns });
