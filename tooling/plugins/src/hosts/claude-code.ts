/**
 * Claude Code: a marketplace at `.claude-plugin/marketplace.json` and one plugin per target
 * (`.claude-plugin/plugin.json`, commands, an agent, skills, `.mcp.json`).
 */
import { COMMANDS, type ToolName } from "../commands.js";
import { json, markdown, mcpCommand, type FileSet } from "../files.js";
import { jobLoop, missingBin, WAIT_SECONDS } from "../guide.js";
import { skillsFor } from "../skills.js";
import { MARKETPLACE, pluginDir, type Release, type TargetSource } from "../targets.js";

/** How Claude Code names a plugin's MCP tool: `mcp__plugin_<plugin>_<server>__<tool>`. */
export const claudeCodeTool = (t: TargetSource, tool: ToolName): string => `mcp__plugin_${t.claudeCodePlugin}_${t.bin}__${tool}`;

const description = (t: TargetSource): string =>
  `${t.product} as a second agent: read-only reviews and background rescue jobs through the ${t.bin} MCP server (npm install -g ${t.bin}).`;

function pluginManifest(t: TargetSource, release: Release): unknown {
  return {
    name: t.claudeCodePlugin,
    version: release.version,
    description: description(t),
    author: { name: release.author },
    repository: release.repository,
    license: release.license,
    keywords: ["review", "second-opinion", "background-jobs", "mcp", t.target],
  };
}

const agentName = (t: TargetSource): string => `${t.claudeCodePlugin}-delegate`;

function agent(t: TargetSource): string {
  const tools: ToolName[] = ["run", "wait", "result", "status", "continue", "cancel", "preflight", "apply"];
  const body = [
    `You delegate one task to ${t.product} through the ${t.bin} MCP tools and bring back its result.`,
    `1. Start it with \`run\` (\`mode\` as asked: \`rescue\` for work, a review mode for a review; in the background).`,
    `2. Call \`wait\` with \`timeout_s: ${WAIT_SECONDS}\` until it no longer answers \`timed_out: true\`.`,
    `3. Call \`result\` and return a short report: the \`job_id\`, the status, the answer or the review's verdict and ` +
      `findings, the files changed, and for a failure its \`error_code\` and \`suggested_action\`.`,
    missingBin(t),
    jobLoop(t),
  ].join("\n\n");
  return markdown(
    {
      name: agentName(t),
      description: `Delegates a task or a review to ${t.product} as a background job, waits for it and returns its result. Use for work the user wants ${t.product} to do.`,
      tools: tools.map((tool) => claudeCodeTool(t, tool)).join(", "),
    },
    body,
  );
}

function plugin(t: TargetSource, release: Release): FileSet {
  const dir = pluginDir("claude-code", t.claudeCodePlugin);
  const files: FileSet = new Map([
    [`${dir}/.claude-plugin/plugin.json`, json(pluginManifest(t, release))],
    [`${dir}/.mcp.json`, json({ mcpServers: { [t.bin]: mcpCommand(t.bin) } })],
    [`${dir}/agents/${agentName(t)}.md`, agent(t)],
  ]);
  for (const command of COMMANDS) {
    const frontMatter = {
      description: command.description(t),
      "argument-hint": command.argumentHint,
      "allowed-tools": command.tools.map((tool) => claudeCodeTool(t, tool)).join(", "),
    };
    files.set(`${dir}/commands/${command.name}.md`, markdown(frontMatter, command.body(t, "$ARGUMENTS")));
  }
  for (const skill of skillsFor(t)) {
    files.set(`${dir}/skills/${skill.name}/SKILL.md`, markdown({ name: skill.name, description: skill.description }, skill.body));
  }
  return files;
}

function marketplace(targets: readonly TargetSource[], release: Release): string {
  return json({
    name: MARKETPLACE,
    owner: { name: release.author },
    metadata: {
      description: "Second-opinion reviews and background jobs by Claude Code and Gemini CLI, through the companion-claude and companion-gemini MCP servers.",
      version: release.version,
    },
    plugins: targets.map((t) => ({
      name: t.claudeCodePlugin,
      source: `./${pluginDir("claude-code", t.claudeCodePlugin)}`,
      description: description(t),
      version: release.version,
    })),
  });
}

export function claudeCodeFiles(targets: readonly TargetSource[], release: Release): FileSet {
  const files: FileSet = new Map([[".claude-plugin/marketplace.json", marketplace(targets, release)]]);
  for (const t of targets) for (const [path, content] of plugin(t, release)) files.set(path, content);
  return files;
}
