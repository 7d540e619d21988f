/**
 * The one source of every host plugin: what differs between the two targets. Everything
 * else (texts, commands, file layouts) is written once and rendered per target and host.
 */

export type TargetName = "claude" | "gemini";

export interface TargetSource {
  readonly target: TargetName;
  /** The npm package, its bin and the MCP server name (SPEC §3.2). */
  readonly bin: `companion-${TargetName}`;
  /** The agent the bin drives, as users know it. */
  readonly product: string;
  readonly vendorCli: string;
  /**
   * The Claude Code plugin name: `claude plugin validate` refuses names containing
   * "claude" (they read as Anthropic's own), so the Claude target's plugin is `companion-cc`.
   */
  readonly claudeCodePlugin: string;
}

export const TARGETS: readonly TargetSource[] = [
  { target: "claude", bin: "companion-claude", product: "Claude Code", vendorCli: "claude -p", claudeCodePlugin: "companion-cc" },
  { target: "gemini", bin: "companion-gemini", product: "Gemini CLI", vendorCli: "gemini -p", claudeCodePlugin: "companion-gemini" },
];

/** One version for the repository: the plugins carry the version of the bins they start. */
export interface Release {
  readonly version: string;
  readonly repository: string;
  readonly author: string;
  readonly license: string;
}

/** The marketplaces' name, in every host. */
export const MARKETPLACE = "agent-companion";

/** Where the generated plugins live, relative to the repository root. */
export const pluginDir = (host: "codex" | "claude-code" | "gemini-cli", name: string): string => `plugins/${host}/${name}`;
