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
  /** The variables the bin and its target read (configuration, auth), besides HOME and PATH. */
  readonly env: readonly string[];
}

const COMPANION_ENV = ["COMPANION_STATE_DIR", "COMPANION_TTL", "COMPANION_MAX_JOBS", "XDG_STATE_HOME", "TMPDIR", "LANG"];

export const TARGETS: readonly TargetSource[] = [
  {
    target: "claude",
    bin: "companion-claude",
    product: "Claude Code",
    vendorCli: "claude -p",
    claudeCodePlugin: "companion-cc",
    env: [
      ...COMPANION_ENV,
      "COMPANION_CLAUDE_MODEL",
      "CLAUDE_BINARY",
      "CLAUDE_CONFIG_DIR",
      "CLAUDE_CODE_OAUTH_TOKEN",
      "CLAUDE_CODE_USE_BEDROCK",
      "CLAUDE_CODE_USE_VERTEX",
      "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC",
      "ANTHROPIC_API_KEY",
      "ANTHROPIC_AUTH_TOKEN",
      "ANTHROPIC_BASE_URL",
      "ANTHROPIC_VERTEX_PROJECT_ID",
      "AWS_BEARER_TOKEN_BEDROCK",
    ],
  },
  {
    target: "gemini",
    bin: "companion-gemini",
    product: "Gemini CLI",
    vendorCli: "gemini -p",
    claudeCodePlugin: "companion-gemini",
    env: [
      ...COMPANION_ENV,
      "COMPANION_GEMINI_MODEL",
      "GEMINI_BINARY",
      "GEMINI_API_KEY",
      "GOOGLE_API_KEY",
      "GOOGLE_GEMINI_BASE_URL",
      "GOOGLE_GENAI_USE_VERTEXAI",
      "GOOGLE_CLOUD_PROJECT",
      "GOOGLE_CLOUD_LOCATION",
      "GOOGLE_APPLICATION_CREDENTIALS",
    ],
  },
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
