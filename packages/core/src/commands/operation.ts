import type { ExitCode } from "../errors/companion-error.js";
import type { OperationContext } from "./context.js";
import type { InputOf } from "./input.js";
import type { CommandName, CommandsOf } from "./table.js";

/** What an operation hands back to a front-end: the document both print, and its exit meaning. */
export interface OperationResult {
  document: unknown;
  exitCode: ExitCode;
  /** Readable text for --human; the JSON document is printed when absent. */
  human?: string;
  /**
   * The document as the CLI prints it, when the operation writes that faster than
   * `JSON.stringify(document, null, 2)` (a listing of 10,000 jobs); best as a getter.
   */
  json?: string;
  /** One diagnostic line (the CLI's stderr, the MCP server's log). */
  notice?: string;
  /**
   * The document is an error envelope (a refusal or failure, like cancel's `stale_pid`), not
   * an answer: MCP marks it `isError`. Thrown CompanionErrors are errors too.
   */
  failed?: boolean;
}

/** One command's logic, written once for the CLI and the MCP server. */
export type Operation<C extends CommandName> = (ctx: OperationContext, input: InputOf<C>) => Promise<OperationResult>;

/** Operations imported on demand, so each command loads only what it uses. */
export type OperationLoaders<C extends CommandName> = { [K in C]: () => Promise<Operation<K>> };

/** What an entry point (a bundle) can run. */
export type OperationTable = Partial<OperationLoaders<CommandName>>;

/** Every command but `mcp`, which is the other front-end rather than an operation. */
export type OperationCommand = Exclude<CommandName, CommandsOf<"mcp">>;
