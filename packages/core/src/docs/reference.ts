import * as z from "zod/mini";
import { EXIT, type ExitCode, OPERATION_ERROR_CODES } from "../errors/companion-error.js";
import { flagHelp, flagSignature, publicCommands } from "../cli/help.js";
import { type CommandSpec, type FlagSpec, GLOBAL_FLAGS } from "../commands/table.js";
import { ErrorCode, JobRecord } from "../record/schema.js";

const EXIT_MEANINGS: Record<ExitCode, string> = {
  [EXIT.ok]: "success; for run/continue/wait: the job completed; for cancel: the post-condition holds",
  [EXIT.failed]: "the job ended other than completed, or the operation failed (not found, bad state, I/O)",
  [EXIT.usage]: "usage error: bad flags, bad values, malformed job id",
  [EXIT.refused]: "refused for safety: cancel could not prove process ownership",
  [EXIT.waitTimeout]: "`wait --timeout` elapsed while the job is still active",
};

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

const flagRows = (flags: Readonly<Record<string, FlagSpec>>): string[] =>
  Object.entries(flags).map(([name, flag]) => `| \`${cell(flagSignature(name, flag))}\` | ${cell(flagHelp(flag))} | ${flag.mcp === null ? "not exposed" : `\`${flag.mcp}\``} |`);

function commandSection([name, spec]: [string, CommandSpec]): string {
  const lines = [`### \`${name}\``, "", "```", `companion-<t> ${spec.usage}`, "```", "", spec.summary + (spec.details ? ` ${spec.details}` : "")];
  if (spec.prompt) lines.push("", `PROMPT: ${spec.prompt.help}. Words after \`--\` are prompt text even when they start with a dash.`);
  const rows = flagRows(spec.flags);
  if (rows.length > 0) lines.push("", "| flag | meaning | MCP argument |", "|---|---|---|", ...rows);
  return lines.join("\n");
}

function argumentType(flag: FlagSpec): string {
  switch (flag.kind) {
    case "boolean":
      return "boolean";
    case "list":
      return "string[]";
    case "seconds":
      return "number (seconds)";
    case "enum":
      return (flag.values ?? []).map((value) => `\`${value}\``).join(" \\| ");
    default:
      return "string";
  }
}

function toolSection([name, spec]: [string, CommandSpec]): string {
  const tool = spec.tool as NonNullable<CommandSpec["tool"]>;
  const rows = Object.values(spec.flags)
    .filter((flag) => flag.mcp !== null)
    .map((flag) => `| \`${flag.mcp}\` | ${argumentType(flag)} | ${flag.required ? "yes" : "no"} | ${flag.mcpDefault === undefined ? "" : `\`${String(flag.mcpDefault)}\``} | ${cell(flag.help)} |`);
  if (spec.prompt) rows.push(`| \`prompt\` | string | ${spec.prompt.required ? "yes" : "no"} | | ${cell(spec.prompt.help)} |`);
  const table = rows.length > 0 ? ["| argument | type | required | default | meaning |", "|---|---|---|---|---|", ...rows] : ["No arguments."];
  return [`### \`${name}\` — ${tool.title}`, "", tool.description, "", ...table].join("\n");
}

type JsonSchema = { type?: string | string[]; enum?: unknown[]; const?: unknown; items?: JsonSchema; anyOf?: JsonSchema[]; properties?: Record<string, JsonSchema>; format?: string };

function typeOf(schema: JsonSchema): string {
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" \\| ");
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((value) => `\`${JSON.stringify(value)}\``).join(" \\| ");
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? "any"];
  return types
    .map((type) => {
      if (type === "array") return `${schema.items ? typeOf(schema.items) : "any"}[]`;
      if (type === "object" && schema.properties) return `{${Object.keys(schema.properties).join(", ")}}`;
      return schema.format && type === "string" ? `string (${schema.format})` : type;
    })
    .join(" \\| ");
}

function recordFields(): string[] {
  const schema = z.toJSONSchema(JobRecord, { io: "output", unrepresentable: "any" }) as JsonSchema;
  return Object.entries(schema.properties ?? {}).map(([name, field]) => `| \`${name}\` | ${typeOf(field)} |`);
}

/** docs/reference.md: the user reference, generated from the command table and the schemas. */
export function renderReference(): string {
  const commands = publicCommands();
  return [
    "# agent-companion reference",
    "",
    "<!-- Generated from packages/core/src/commands/table.ts and the record schema by",
    "     `pnpm --filter @agent-companion/core gen:reference`. Do not edit by hand. -->",
    "",
    "Both bins, `companion-claude` and `companion-gemini`, have the same commands and flags;",
    "`<t>` stands for the target. Every command prints one JSON document on stdout (`--human`:",
    "readable text instead); diagnostics and progress go to stderr.",
    "",
    "## Commands",
    "",
    ...commands.flatMap((entry) => [commandSection(entry), ""]),
    "## Global flags",
    "",
    "| flag | meaning | MCP argument |",
    "|---|---|---|",
    ...flagRows(GLOBAL_FLAGS),
    "| `--version` | print the version | not exposed |",
    "",
    "## MCP tools (`companion-<t> mcp`)",
    "",
    "A stdio MCP server named `companion-<t>`. Each tool's structuredContent is the JSON the CLI",
    "prints for the same command; its text block is a summary line, then that JSON. Bad",
    "arguments, unknown or malformed job ids, refusals and I/O failures are tool errors",
    "(`isError: true`, structuredContent = the error envelope) and start nothing; a job that",
    "ended failed or cancelled is an answer. `cwd` defaults to the server's working directory.",
    "",
    ...commands.filter(([, spec]) => spec.tool !== null).flatMap((entry) => [toolSection(entry), ""]),
    "## Exit codes",
    "",
    "| exit | meaning |",
    "|---|---|",
    ...Object.entries(EXIT_MEANINGS).map(([code, meaning]) => `| ${code} | ${cell(meaning)} |`),
    "",
    "## Error codes",
    "",
    'Errors print `{"ok": false, "error": CODE, "message": TEXT, "suggested_action": TEXT?}` on',
    "stdout and one readable line on stderr (with `--human`: only that line).",
    "",
    `Job errors (a failed record's \`error_code\`): ${ErrorCode.options.map((code) => `\`${code}\``).join(", ")}.`,
    "",
    `Operation errors (the envelope's \`error\`, also any job error): ${OPERATION_ERROR_CODES.map((code) => `\`${code}\``).join(", ")}.`,
    "",
    "## JobRecord",
    "",
    "The record written to disk and printed by foreground runs, `result`, `status --job` and",
    "`wait`, and returned by the MCP tools.",
    "",
    "| field | type |",
    "|---|---|",
    ...recordFields(),
    "",
  ].join("\n");
}
