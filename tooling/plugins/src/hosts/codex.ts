/**
 * Codex: a marketplace at `.agents/plugins/marketplace.json` and one plugin per target
 * (`.codex-plugin/plugin.json`, skills, `.mcp.json`).
 */
import { json, markdown, mcpCommand, type FileSet } from "../files.js";
import { skillsFor } from "../skills.js";
import { MARKETPLACE, pluginDir, type Release, type TargetSource } from "../targets.js";

function pluginManifest(t: TargetSource, release: Release): unknown {
  return {
    name: t.bin,
    version: release.version,
    description: `${t.product} as a second agent: read-only reviews and background rescue jobs through the ${t.bin} MCP server.`,
    author: { name: release.author },
    license: release.license,
    repository: release.repository,
    skills: "./skills",
    mcpServers: "./.mcp.json",
    interface: {
      displayName: `${t.product} companion`,
      shortDescription: `Reviews and background tasks by ${t.product}`,
      longDescription:
        `Runs ${t.product} headlessly through the ${t.bin} command (install it with \`npm install -g ${t.bin}\`): ` +
        `read-only reviews on a snapshot with secrets withheld, and rescue tasks that may write, as background jobs ` +
        `you wait for, collect, continue or cancel.`,
      developerName: release.author,
      category: "Coding",
      capabilities: ["Interactive", "Write"],
      defaultPrompt: [
        `Ask ${t.product} to review my uncommitted changes`,
        `Have ${t.product} challenge this branch against main`,
        `Hand the failing test to ${t.product} in the background`,
      ],
    },
  };
}

/**
 * `codex exec` runs with approval `never`: without `approve` every call of our tools would
 * fail as "requires approval". Reviews cannot write; rescues are what the user asked for.
 * Codex starts MCP servers with only HOME and PATH of its environment: `env_vars` passes
 * on the variables the bin and its target read (an API key, the state directory).
 */
const mcpConfig = (t: TargetSource): unknown => ({
  mcpServers: { [t.bin]: { ...mcpCommand(t.bin), env_vars: t.env, default_tools_approval_mode: "approve" } },
});

function plugin(t: TargetSource, release: Release): FileSet {
  const dir = pluginDir("codex", t.bin);
  const files: FileSet = new Map([
    [`${dir}/.codex-plugin/plugin.json`, json(pluginManifest(t, release))],
    [`${dir}/.mcp.json`, json(mcpConfig(t))],
  ]);
  for (const skill of skillsFor(t)) {
    files.set(`${dir}/skills/${skill.name}/SKILL.md`, markdown({ name: skill.name, description: skill.description }, skill.body));
  }
  return files;
}

function marketplace(targets: readonly TargetSource[]): string {
  return json({
    name: MARKETPLACE,
    interface: { displayName: "agent-companion" },
    plugins: targets.map((t) => ({
      name: t.bin,
      source: { source: "local", path: `./${pluginDir("codex", t.bin)}` },
      policy: { installation: "AVAILABLE", authentication: "ON_INSTALL" },
      category: "Coding",
    })),
  });
}

export function codexFiles(targets: readonly TargetSource[], release: Release): FileSet {
  const files: FileSet = new Map([[".agents/plugins/marketplace.json", marketplace(targets)]]);
  for (const t of targets) for (const [path, content] of plugin(t, release)) files.set(path, content);
  return files;
}
