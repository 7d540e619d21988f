/**
 * Gemini CLI: one extension per target (`gemini-extension.json` with `mcpServers`, a
 * context file, `commands/<target>/*.toml`).
 */
import { stringify } from "smol-toml";
import { COMMANDS } from "../commands.js";
import { json, mcpCommand, type FileSet } from "../files.js";
import { fullGuide } from "../guide.js";
import { pluginDir, type Release, type TargetSource } from "../targets.js";

const CONTEXT_FILE = "COMPANION.md";

function manifest(t: TargetSource, release: Release): unknown {
  return {
    name: t.bin,
    version: release.version,
    description: `${t.product} as a second agent: read-only reviews and background rescue jobs (npm install -g ${t.bin}).`,
    contextFileName: CONTEXT_FILE,
    mcpServers: { [t.bin]: mcpCommand(t.bin) },
  };
}

export function geminiCliFiles(targets: readonly TargetSource[], release: Release): FileSet {
  const files: FileSet = new Map();
  for (const t of targets) {
    const dir = pluginDir("gemini-cli", t.bin);
    files.set(`${dir}/gemini-extension.json`, json(manifest(t, release)));
    files.set(`${dir}/${CONTEXT_FILE}`, `${fullGuide(t)}\n`);
    for (const command of COMMANDS) {
      const toml = stringify({ description: command.description(t), prompt: command.body(t, "{{args}}") });
      files.set(`${dir}/commands/${t.target}/${command.name}.toml`, `${toml}\n`);
    }
  }
  return files;
}
