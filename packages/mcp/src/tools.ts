import type { CommandName, CommandSpec, FlagSpec, ToolCommand } from "@agent-companion/core";
import { absentValue, COMMANDS, flagHelp, inputFlags, inputKey } from "@agent-companion/core/front-end";
import * as z from "zod";

/** A command of the table that is an MCP tool. */
export interface Tool {
  command: ToolCommand;
  spec: CommandSpec & { tool: NonNullable<CommandSpec["tool"]> };
  /** The tool's arguments, derived from the command's flags (only those with an MCP name). */
  input: z.ZodObject;
}

/** A path, ref or id must not be taken for an option by git or the target (`base: "-x"`). */
const value = () => z.string().min(1).refine((text) => !text.startsWith("-"), "must not start with a dash");

function argumentSchema(flag: FlagSpec): z.ZodType {
  const base =
    flag.kind === "boolean"
      ? z.boolean()
      : flag.kind === "list"
        ? z.array(value())
        : flag.kind === "seconds"
          ? z.number().positive()
          : flag.kind === "enum"
            ? z.enum(flag.values as [string, ...string[]])
            : value();
  const described: z.ZodType = base.describe(flagHelp(flag));
  if (flag.mcpDefault !== undefined) return described.default(flag.mcpDefault);
  return flag.required ? described : described.optional();
}

function inputSchema(spec: CommandSpec): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const flag of Object.values(spec.flags)) if (flag.mcp !== null) shape[flag.mcp] = argumentSchema(flag);
  if (spec.prompt) {
    const prompt = z.string().describe(spec.prompt.help);
    shape.prompt = spec.prompt.required ? prompt.min(1) : prompt.optional();
  }
  return z.strictObject(shape);
}

let built: readonly Tool[] | undefined;

/**
 * Every tool, in the table's order. Built on first use rather than at load: a host waits for
 * the server's `initialize` answer, which needs none of these schemas.
 */
export function tools(): readonly Tool[] {
  built ??= (Object.entries(COMMANDS) as [CommandName, CommandSpec][]).flatMap(([command, spec]) =>
    spec.tool === null ? [] : [{ command: command as ToolCommand, spec: spec as Tool["spec"], input: inputSchema(spec) }],
  );
  return built;
}

/** The operation's input from validated tool arguments: flags not exposed over MCP keep their CLI default. */
export function operationInput(tool: Tool, args: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, flag] of inputFlags(tool.command)) {
    const given = flag.mcp === null ? undefined : args[flag.mcp];
    input[inputKey(name)] = given ?? absentValue(flag);
  }
  if (tool.spec.prompt) input.prompt = typeof args.prompt === "string" ? args.prompt : "";
  return input;
}
