/** Each npm package's README and LICENSE (the repository's), so the tarballs carry both. */
import type { FileSet } from "./files.js";
import { COMMANDS } from "./commands.js";
import { MARKETPLACE, pluginDir, type Release, type TargetSource } from "./targets.js";

const INSTALL_CLI: Readonly<Record<TargetSource["target"], string>> = {
  claude: "npm install -g @anthropic-ai/claude-code   # then run `claude` once and /login",
  gemini: "npm install -g @google/gemini-cli          # then export GEMINI_API_KEY (or set up Vertex)",
};

function readme(t: TargetSource, release: Release): string {
  const commands = COMMANDS.map((c) => `/${t.claudeCodePlugin}:${c.name}`).join(", ");
  const geminiCommands = COMMANDS.map((c) => `/${t.target}:${c.name}`).join(", ");
  return `# ${t.bin}

Hand work from one coding agent to ${t.product}. \`${t.bin}\` drives ${t.product} (\`${t.vendorCli}\`)
headlessly as foreground or background **jobs** with durable JSON records: read-only reviews
on a scoped snapshot (secrets withheld), rescue tasks that may write, \`status\` / \`wait\` /
\`result\` / \`continue\` / \`cancel\`, and an MCP server (\`${t.bin} mcp\`) for host agents.

## Install

\`\`\`sh
npm install -g ${t.bin}
${INSTALL_CLI[t.target]}
${t.bin} doctor
\`\`\`

Needs Node.js 20.19 or newer; the package has no dependencies.

## Use

Every command prints one JSON document on stdout (\`--human\` for text); exit codes: 0 ok,
1 failed, 2 usage error, 3 refused for safety, 124 \`wait --timeout\` elapsed.

\`\`\`sh
${t.bin} run --mode review -- "focus on error handling"        # review the dirty tree
${t.bin} run --mode adversarial-review --base main --background # challenge a branch
${t.bin} wait --job <job_id> --timeout 900
${t.bin} result --job <job_id>
${t.bin} preflight --mode review                                # what a review would send
${t.bin} run --mode rescue --isolate --background -- "make the parser tests pass"
${t.bin} apply --job <job_id>                                   # bring an isolated rescue in
${t.bin} continue --job <job_id> -- "now add a regression test"
${t.bin} cancel --job <job_id>
${t.bin} --help
\`\`\`

## In your coding agent

The repository (${release.repository}) has a plugin for each host; each starts
\`${t.bin} mcp\` from your PATH. From a clone of it:

\`\`\`sh
codex plugin marketplace add ./agent-companion && codex plugin add ${t.bin}@${MARKETPLACE}
claude plugin marketplace add ./agent-companion && claude plugin install ${t.claudeCodePlugin}@${MARKETPLACE}
gemini extensions install ./agent-companion/${pluginDir("gemini-cli", t.bin)}
\`\`\`

Then ask Codex "Ask ${t.product} to review my uncommitted changes"; in Claude Code type
${commands}; in Gemini CLI ${geminiCommands}.

## License

${release.license}
`;
}

export function packageDocs(targets: readonly TargetSource[], release: Release, license: string): FileSet {
  const files: FileSet = new Map();
  for (const t of targets) {
    files.set(`apps/${t.bin}/README.md`, readme(t, release));
    files.set(`apps/${t.bin}/LICENSE`, license);
  }
  return files;
}
