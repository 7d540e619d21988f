// The flag surface of `gemini` 0.61.0 that the mock accepts, and its --help text.

import { yargsHelp } from "./cli-yargs.js";

/** @typedef {import("./options.js").OptionSpec} OptionSpec */

export const GEMINI_DEFAULT_VERSION = "0.61.0";
export const GEMINI_APPROVAL_MODES = ["default", "auto_edit", "yolo", "plan"];

/** @type {readonly OptionSpec[]} */
export const GEMINI_OPTIONS = [
  { long: "--debug", short: "-d", kind: "boolean", key: "debug", description: "Run in debug mode (open debug console with F12)" },
  { long: "--model", short: "-m", kind: "value", key: "model", description: "Model" },
  { long: "--prompt", short: "-p", kind: "value", key: "prompt", description: "Run in non-interactive (headless) mode with the given prompt. Appended to input on stdin (if any)." },
  { long: "--sandbox", short: "-s", kind: "boolean", key: "sandbox", description: "Run in sandbox?" },
  { long: "--yolo", short: "-y", kind: "boolean", key: "yolo", description: "Automatically accept all actions (aka YOLO mode)?" },
  { long: "--approval-mode", kind: "value", key: "approvalMode", choices: GEMINI_APPROVAL_MODES, description: "Set the approval mode: default (prompt for approval), auto_edit (auto-approve edit tools), yolo (auto-approve all tools), plan (read-only mode)" },
  { long: "--policy", kind: "variadic", key: "policy", description: "Additional policy files or directories to load (comma-separated or multiple --policy)" },
  { long: "--skip-trust", kind: "boolean", key: "skipTrust", description: "Trust the current workspace for this session without prompting." },
  { long: "--resume", short: "-r", kind: "value", key: "resume", description: 'Resume a previous session. Use "latest" for most recent or index number (e.g. --resume 5)' },
  { long: "--session-id", kind: "value", key: "sessionId", description: "Start a new session with the given session ID." },
  { long: "--include-directories", kind: "variadic", key: "includeDirectories", description: "Additional directories to include in the workspace (comma-separated or multiple --include-directories)" },
  { long: "--output-format", short: "-o", kind: "value", key: "outputFormat", choices: ["text", "json", "stream-json"], description: "The format of the CLI output." },
  { long: "--version", short: "-v", kind: "boolean", key: "version", description: "Show version number" },
  { long: "--help", short: "-h", kind: "boolean", key: "help", description: "Show help" },
];

/** @param {readonly OptionSpec[]} specs */
export function geminiHelp(specs) {
  return yargsHelp({
    usage: "gemini [options] [command]",
    description: "Gemini CLI - Defaults to interactive mode. Use -p/--prompt for non-interactive (headless) mode.",
    commands: [
      ["gemini [query..]", "Launch Gemini CLI  [default]"],
      ["gemini mcp", "Manage MCP servers"],
      ["gemini extensions <command>", "Manage Gemini CLI extensions.  [aliases: extension]"],
    ],
    positionals: [["query", "Initial prompt. Runs in interactive mode by default; use -p/--prompt for non-interactive."]],
    specs,
  });
}
