import { fileURLToPath } from "node:url";
import { parse as parseToml } from "smol-toml";
import { beforeAll, describe, expect, it } from "vitest";
import type { FileSet } from "./files.js";
import { generate } from "./generate.js";
import { drift } from "./sync.js";
import { TARGETS } from "./targets.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
let files: FileSet;
beforeAll(async () => {
  files = await generate(root);
});

const jsonAt = (path: string): Record<string, unknown> => JSON.parse(files.get(path) ?? "null") as Record<string, unknown>;
const pathsMatching = (pattern: RegExp): string[] => [...files.keys()].filter((path) => pattern.test(path));

describe("generated host plugins", () => {
  it("are committed exactly as the generator writes them (run `pnpm plugins` after changing the source)", async () => {
    expect(await drift(root, files)).toEqual({ changed: [], stale: [] });
  });

  it("start the installed bin from PATH with `mcp`, never a path inside a checkout", () => {
    const configs = pathsMatching(/\.mcp\.json$/).map((path) => jsonAt(path)["mcpServers"]);
    const extensions = pathsMatching(/gemini-extension\.json$/).map((path) => jsonAt(path)["mcpServers"]);
    const servers = [...configs, ...extensions].flatMap((s) => Object.entries(s as Record<string, { command: string; args: string[] }>));
    expect(servers).toHaveLength(3 * TARGETS.length);
    for (const [name, server] of servers) {
      expect(server.command).toBe(name);
      expect(TARGETS.map((t) => t.bin)).toContain(server.command);
      expect(server.args).toEqual(["mcp"]);
    }
  });

  it("let a headless `codex exec` call the tools (its approval policy is `never`)", () => {
    for (const path of pathsMatching(/^plugins\/codex\/.*\.mcp\.json$/)) {
      for (const server of Object.values(jsonAt(path)["mcpServers"] as Record<string, unknown>)) {
        expect(server).toMatchObject({ default_tools_approval_mode: "approve" });
      }
    }
  });

  it("pass on to the bin, under Codex, the variables it and its target read (Codex gives MCP servers only HOME and PATH)", () => {
    const keys = { claude: "ANTHROPIC_API_KEY", gemini: "GEMINI_API_KEY" } as const;
    for (const t of TARGETS) {
      const servers = jsonAt(`plugins/codex/${t.bin}/.mcp.json`)["mcpServers"] as Record<string, { env_vars: string[] }>;
      const passed = servers[t.bin]?.env_vars ?? [];
      for (const name of ["COMPANION_STATE_DIR", `${t.target.toUpperCase()}_BINARY`, keys[t.target]]) expect(passed).toContain(name);
    }
  });

  it("give each Codex plugin interface text and at most 3 default prompts", () => {
    const manifests = pathsMatching(/\.codex-plugin\/plugin\.json$/).map(jsonAt);
    expect(manifests).toHaveLength(TARGETS.length);
    for (const manifest of manifests) {
      const ui = manifest["interface"] as { displayName: string; shortDescription: string; defaultPrompt: string[] };
      expect(ui.displayName).not.toBe("");
      expect(ui.shortDescription).not.toBe("");
      expect(ui.defaultPrompt.length).toBeGreaterThan(0);
      expect(ui.defaultPrompt.length).toBeLessThanOrEqual(3);
    }
  });

  it("name no Claude Code plugin or marketplace after Claude or Anthropic (the validator refuses them)", () => {
    const marketplace = jsonAt(".claude-plugin/marketplace.json");
    const names = [marketplace["name"], ...(marketplace["plugins"] as { name: string }[]).map((p) => p.name)];
    for (const name of names) expect(String(name)).not.toMatch(/claude|anthropic/i);
    expect((marketplace["metadata"] as { description: string }).description).not.toBe("");
  });

  it("give Claude Code the six commands and Gemini CLI the same six, with the user's arguments", () => {
    const names = ["review", "adversarial-review", "rescue", "status", "result", "cancel"].sort();
    for (const t of TARGETS) {
      const claude = pathsMatching(new RegExp(`^plugins/claude-code/${t.claudeCodePlugin}/commands/`));
      expect(claude.map((p) => p.split("/").at(-1)?.replace(".md", "")).sort()).toEqual(names);
      for (const path of claude) expect(files.get(path)).toContain("$ARGUMENTS");
      const gemini = pathsMatching(new RegExp(`^plugins/gemini-cli/${t.bin}/commands/${t.target}/`));
      expect(gemini.map((p) => p.split("/").at(-1)?.replace(".toml", "")).sort()).toEqual(names);
      for (const path of gemini) {
        const command = parseToml(files.get(path) ?? "") as { description: string; prompt: string };
        expect(command.description).not.toBe("");
        expect(command.prompt).toContain("{{args}}");
      }
    }
  });

  it("teach the whole job loop and say how to install a missing bin, in every skill, agent and context file", () => {
    const guides = pathsMatching(/(SKILL|COMPANION)\.md$|\/agents\//);
    expect(guides.length).toBeGreaterThan(0);
    for (const path of guides) {
      const text = files.get(path) ?? "";
      const t = TARGETS.find((target) => path.includes(target.bin) || path.includes(target.claudeCodePlugin));
      expect(text).toContain(`npm install -g ${t?.bin}`);
      for (const step of ["`run`", "`wait`", "timed_out", "`result`", "`continue`", "`cancel`", "`preflight`"]) expect(text, path).toContain(step);
    }
    for (const path of pathsMatching(/review\/SKILL\.md$|COMPANION\.md$/)) {
      expect(files.get(path)).toMatch(/cannot change anything/);
      expect(files.get(path)).toMatch(/withheld/);
    }
    for (const path of pathsMatching(/rescue\/SKILL\.md$|COMPANION\.md$/)) {
      expect(files.get(path)).toMatch(/`isolate: true`[\s\S]*`apply`/);
    }
  });

  it("carry the repository's one version in every plugin and package", () => {
    const version = jsonAt("plugins/codex/companion-claude/.codex-plugin/plugin.json")["version"];
    const manifests = pathsMatching(/(plugin|gemini-extension)\.json$/).map(jsonAt);
    for (const manifest of manifests) expect(manifest["version"]).toBe(version);
  });
});
