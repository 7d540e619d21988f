/**
 * SPEC §3.3: each host's own validator and installer accept the committed plugins and
 * marketplaces, offline, in a private HOME.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TARGETS } from "../support/companion.js";
import { HostAgent, REPO_ROOT } from "./support/host.js";

// No model is called here; the hosts only need a well-formed endpoint.
const NO_SERVER = "http://127.0.0.1:9";
const MARKETPLACE = "agent-companion";
const CLAUDE_CODE_PLUGINS = { claude: "companion-cc", gemini: "companion-gemini" } as const;

let agent: HostAgent;
afterEach(() => agent.cleanup());

describe("Claude Code", () => {
  beforeEach(async () => {
    agent = await HostAgent.create("claude-code", NO_SERVER);
  });

  it("validates each plugin and the marketplace with --strict", async () => {
    const dirs = [REPO_ROOT, ...TARGETS.map((t) => join(REPO_ROOT, "plugins", "claude-code", CLAUDE_CODE_PLUGINS[t]))];
    for (const dir of dirs) {
      const run = await agent.must(["plugin", "validate", "--strict", "--json", dir]);
      expect(JSON.parse(run.stdout), dir).toMatchObject({ success: true });
    }
    const plugin = JSON.parse((await agent.must(["plugin", "validate", "--strict", "--json", join(REPO_ROOT, "plugins", "claude-code", "companion-gemini")])).stdout) as {
      provides: { commands: string[]; agents: string[]; skills: string[]; mcpServers: { name: string; target: string; args: string[] }[] };
    };
    for (const command of ["review", "adversarial-review", "rescue", "status", "result", "cancel"]) expect(plugin.provides.commands).toContain(`companion-gemini:${command}`);
    expect(plugin.provides.agents.length).toBe(1);
    expect(plugin.provides.skills.length).toBeGreaterThan(0);
    expect(plugin.provides.mcpServers).toEqual([expect.objectContaining({ name: "companion-gemini", target: "companion-gemini", args: ["mcp"] })]);
  }, 180_000);

  it("adds the marketplace and installs both plugins", async () => {
    await agent.must(["plugin", "marketplace", "add", REPO_ROOT]);
    for (const t of TARGETS) await agent.must(["plugin", "install", `${CLAUDE_CODE_PLUGINS[t]}@${MARKETPLACE}`]);
    const installed = JSON.parse(await readFile(join(agent.env.CLAUDE_CONFIG_DIR ?? "", "plugins", "installed_plugins.json"), "utf8")) as { plugins: Record<string, unknown> };
    expect(Object.keys(installed.plugins).sort()).toEqual(TARGETS.map((t) => `${CLAUDE_CODE_PLUGINS[t]}@${MARKETPLACE}`).sort());
  });
});

describe("Gemini CLI", () => {
  beforeEach(async () => {
    agent = await HostAgent.create("gemini-cli", NO_SERVER);
  });

  it("validates and links each extension", async () => {
    for (const t of TARGETS) {
      const dir = join(REPO_ROOT, "plugins", "gemini-cli", `companion-${t}`);
      const validated = await agent.must(["extensions", "validate", dir]);
      expect(validated.stdout + validated.stderr).toContain("successfully validated");
      await agent.must(["extensions", "link", dir, "--consent"]);
    }
    for (const t of TARGETS) {
      const install = await readFile(join(agent.sandbox.home, ".gemini", "extensions", `companion-${t}`, ".gemini-extension-install.json"), "utf8");
      expect(JSON.parse(install)).toEqual({ source: join(REPO_ROOT, "plugins", "gemini-cli", `companion-${t}`), type: "link" });
    }
  }, 180_000);
});

describe("Codex", () => {
  beforeEach(async () => {
    agent = await HostAgent.create("codex", NO_SERVER);
  });

  it("adds the marketplace and installs both plugins, MCP server and skills included", async () => {
    await agent.must(["plugin", "marketplace", "add", REPO_ROOT]);
    for (const t of TARGETS) {
      const run = await agent.must(["plugin", "add", `companion-${t}@${MARKETPLACE}`, "--json"]);
      const { installedPath } = JSON.parse(run.stdout) as { installedPath: string };
      const installedMcp = await readFile(join(installedPath, ".mcp.json"), "utf8");
      expect(installedMcp).toBe(await readFile(join(REPO_ROOT, "plugins", "codex", `companion-${t}`, ".mcp.json"), "utf8"));
      expect(await readFile(join(installedPath, "skills", `${t}-review`, "SKILL.md"), "utf8")).toContain(`npm install -g companion-${t}`);
    }
    const list = await agent.must(["plugin", "list"]);
    for (const t of TARGETS) expect(list.stdout).toMatch(new RegExp(`companion-${t}@${MARKETPLACE}\\s+installed, enabled`));
  });
});
