import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { CallToolResultSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { binOf, type Harness } from "./companion.js";

export type Json = Record<string, unknown>;

export interface ToolCall {
  result: CallToolResult;
  /** structuredContent: the document the CLI prints for the same operation. */
  json: Json;
  /** The messages of the progress notifications received during the call. */
  progress: string[];
}

/** `companion-<t> mcp` driven by the official SDK client over stdio. */
export class McpSession {
  private constructor(
    readonly client: Client,
    readonly transport: StdioClientTransport,
  ) {}

  static async start(h: Harness, options: { cwd: string; env?: Record<string, string> }): Promise<McpSession> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [binOf(h.target), "mcp"],
      env: { ...h.env, ...options.env },
      cwd: options.cwd,
      stderr: "pipe",
    });
    const client = new Client({ name: "companion-tests", version: "0.0.0" });
    await client.connect(transport);
    return new McpSession(client, transport);
  }

  async call(name: string, args: Json = {}, options: { progress?: boolean; timeoutMs?: number } = {}): Promise<ToolCall> {
    const progress: string[] = [];
    const result = (await this.client.callTool({ name, arguments: args }, CallToolResultSchema, {
      ...(options.progress ? { onprogress: (p: { message?: string }) => progress.push(p.message ?? "") } : {}),
      resetTimeoutOnProgress: true,
      timeout: options.timeoutMs ?? 60_000,
    })) as CallToolResult;
    return { result, json: (result.structuredContent ?? {}) as Json, progress };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** The text block of a tool result: a summary line, then the JSON of structuredContent. */
export const textOf = (call: ToolCall): string => {
  const [block] = call.result.content as { type: string; text: string }[];
  return block?.text ?? "";
};
