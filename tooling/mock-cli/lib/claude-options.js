// The flag surface of `claude` 2.1.330 that the mock accepts, and its --help text.

import { commanderHelp } from "./cli-commander.js";

/** @typedef {import("./options.js").OptionSpec} OptionSpec */

export const CLAUDE_DEFAULT_VERSION = "2.1.330 (Claude Code)";
export const CLAUDE_OUTPUT_FORMATS = ["text", "json", "stream-json"];
export const CLAUDE_PERMISSION_MODES = ["acceptEdits", "bypassPermissions", "default", "dontAsk", "plan"];

/** @type {readonly OptionSpec[]} */
export const CLAUDE_OPTIONS = [
  { long: "--verbose", kind: "boolean", key: "verbose", description: "Override verbose mode setting from config" },
  { long: "--print", short: "-p", kind: "boolean", key: "print", description: "Print response and exit (useful for pipes). Note: The workspace trust dialog is skipped when Claude is run with the -p mode. Only use this flag in directories you trust." },
  { long: "--output-format", kind: "value", key: "outputFormat", placeholder: "<format>", choices: CLAUDE_OUTPUT_FORMATS, description: 'Output format (only works with --print): "text" (default), "json" (single result), or "stream-json" (realtime streaming)' },
  { long: "--include-partial-messages", kind: "boolean", key: "includePartialMessages", description: "Include partial message chunks as they arrive (only works with --print and --output-format=stream-json)" },
  { long: "--json-schema", kind: "value", key: "jsonSchema", placeholder: "<schema>", description: 'JSON Schema for structured output validation. Example: {"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}' },
  { long: "--mcp-config", kind: "variadic", key: "mcpConfig", placeholder: "<configs...>", description: "Load MCP servers from JSON files or strings (space-separated)" },
  { long: "--strict-mcp-config", kind: "boolean", key: "strictMcpConfig", description: "Only use MCP servers from --mcp-config, ignoring all other MCP configurations" },
  { long: "--allowedTools", kind: "variadic", key: "allowedTools", placeholder: "<tools...>", description: 'Comma or space-separated list of tool names to allow (e.g. "Bash(git:*) Edit")' },
  { long: "--tools", kind: "variadic", key: "tools", placeholder: "<tools...>", description: 'Specify the list of available tools from the built-in set. Use "" to disable all tools, "default" to use all tools, or specify tool names (e.g. "Bash,Edit,Read").' },
  { long: "--disallowedTools", kind: "variadic", key: "disallowedTools", placeholder: "<tools...>", description: 'Comma or space-separated list of tool names to deny (e.g. "Bash(git:*) Edit")' },
  { long: "--permission-mode", kind: "value", key: "permissionMode", placeholder: "<mode>", choices: CLAUDE_PERMISSION_MODES, description: "Permission mode to use for the session" },
  { long: "--model", kind: "value", key: "model", placeholder: "<model>", description: "Model for the current session. Provide an alias for the latest model (e.g. 'sonnet' or 'opus') or a model's full name (e.g. 'claude-sonnet-4-5')." },
  { long: "--setting-sources", kind: "value", key: "settingSources", placeholder: "<sources>", description: "Comma-separated list of setting sources to load (user, project, local)." },
  { long: "--add-dir", kind: "variadic", key: "addDir", placeholder: "<directories...>", description: "Additional directories to allow tool access to" },
  { long: "--resume", short: "-r", kind: "optional", key: "resume", placeholder: "[value]", description: "Resume a conversation by session ID, or open interactive picker with optional search term" },
  { long: "--session-id", kind: "value", key: "sessionId", placeholder: "<uuid>", description: "Use a specific session ID for the conversation (must be a valid UUID)" },
  { long: "--no-session-persistence", kind: "boolean", key: "noSessionPersistence", description: "Disable session persistence - sessions will not be saved to disk and cannot be resumed (only works with --print)" },
  { long: "--version", short: "-v", kind: "boolean", key: "version", description: "Output the version number" },
  { long: "--help", short: "-h", kind: "boolean", key: "help", description: "Display help for command" },
];

/** @param {readonly OptionSpec[]} specs */
export function claudeHelp(specs) {
  return commanderHelp({
    usage: "claude [options] [command] [prompt]",
    description: "Claude Code - starts an interactive session by default, use -p/--print for non-interactive output",
    args: [["prompt", "Your prompt"]],
    specs,
    commands: [
      ["config", "Manage configuration (eg. claude config set -g theme dark)"],
      ["mcp", "Configure and manage MCP servers"],
      ["doctor", "Check the health of your Claude Code auto-updater"],
      ["update|upgrade", "Check for updates and install if available"],
    ],
  });
}
