/** A generated tree: repository-relative path → file content. */
export type FileSet = Map<string, string>;

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** A markdown file with YAML front matter; values are quoted as JSON strings (valid YAML). */
export function markdown(frontMatter: Readonly<Record<string, string | undefined>>, body: string): string {
  const lines = Object.entries(frontMatter).flatMap(([key, value]) => (value === undefined ? [] : [`${key}: ${JSON.stringify(value)}`]));
  return `---\n${lines.join("\n")}\n---\n\n${body.trimEnd()}\n`;
}

/** The MCP server entry every host runs: the installed bin on PATH, never a checkout path. */
export const mcpCommand = (bin: string): { command: string; args: string[] } => ({ command: bin, args: ["mcp"] });
