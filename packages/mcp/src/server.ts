import type { BinWiring, JobRecord, Operation, OperationContext, OperationResult } from "@agent-companion/core";
import { ALL_OPERATIONS, asCompanionError, CompanionError, EXIT, errorDocument, operationContext, renderProgress, writeStderr } from "@agent-companion/core/front-end";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, type CallToolResult, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import * as z from "zod";
import type { $ZodType } from "zod/v4/core";
import { outputSchemas } from "./outputs.js";
import { StdioTransport } from "./stdio-transport.js";
import { operationInput, type Tool, tools } from "./tools.js";

/** A caller with a progress token hears from a live job at least this often (SPEC: every 5 s). */
const HEARTBEAT_MS = 4000;

const INSTRUCTIONS =
  "Runs the target agent as durable jobs. Launch with `run` (background by default), call `wait` with timeout_s under your tool timeout until the job is terminal, then `result`. `cancel` stops a job; `continue` follows up on a finished one. Reviews are read-only on a snapshot and withhold secrets; rescue may write to the tree.";

interface Facts {
  wiring: BinWiring;
  version: string;
  binPath: string;
  stateDir: string | undefined;
}

type Extra = {
  signal: AbortSignal;
  _meta?: { progressToken?: string | number };
  sendNotification(notification: { method: "notifications/progress"; params: { progressToken: string | number; progress: number; message: string } }): Promise<void>;
};

/** Serves the table's tools over stdio until stdin closes. Operations run in this process. */
export async function serveMcp(facts: Facts): Promise<void> {
  const name = `companion-${facts.wiring.target.name}`;
  // The low-level Server, not McpServer: tools are listed and called by hand rather than through
  // registerTool, as a bad argument must come back as the CLI's error envelope in
  // structuredContent, not as the SDK's bare text (and McpServer's extra modules cost start-up).
  const server = new Server({ name, version: facts.version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, async () => {
    const outputs = await outputSchemas();
    return { tools: tools().map((tool) => describeTool(tool, outputs[tool.command])) };
  });
  const running = new Running();
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    running.track((onInterrupt) => callTool(facts, request.params.name, request.params.arguments ?? {}, extra as unknown as Extra, onInterrupt)),
  );
  server.onerror = (error) => writeStderr(`${name} mcp: ${error.message}\n`);
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  await server.connect(new StdioTransport());
  await closed;
  // The host is gone: foreground runs are cancelled as Ctrl-C would; background jobs run on.
  await running.interruptAll();
  await server.close();
}

const describeTool = (tool: Tool, output: $ZodType) => ({
  name: tool.command,
  title: tool.spec.tool.title,
  description: tool.spec.tool.description,
  inputSchema: z.toJSONSchema(tool.input, { io: "input" }) as { type: "object" },
  outputSchema: z.toJSONSchema(output, { io: "output", unrepresentable: "any" }) as { type: "object" },
});

async function callTool(facts: Facts, toolName: string, args: Record<string, unknown>, extra: Extra, onInterrupt: OperationContext["onInterrupt"]): Promise<CallToolResult> {
  try {
    const tool = tools().find((candidate) => candidate.command === toolName);
    if (tool === undefined) throw new CompanionError("usage_error", `Unknown tool "${toolName}".`, { suggestedAction: `Call one of: ${tools().map((t) => t.command).join(", ")}.` });
    const parsed = tool.input.safeParse(args);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "arguments"}: ${issue.message}`).join("; ");
      throw new CompanionError("usage_error", `${toolName}: ${problems}`, { suggestedAction: "Check the tool's input schema; nothing was started." });
    }
    const ctx: OperationContext = {
      ...operationContext(facts.wiring.target, { env: process.env, cwd: process.cwd(), binPath: facts.binPath, version: facts.version, stateDir: facts.stateDir, loadAdapter: facts.wiring.loadAdapter }),
      onInterrupt,
      ...progressReporter(extra),
    };
    const operation = (await ALL_OPERATIONS[tool.command]()) as Operation<typeof tool.command>;
    const result = await operation(ctx, operationInput(tool, parsed.data) as never);
    if (result.notice) writeStderr(`${result.notice}\n`);
    return answer(toolName, result);
  } catch (error) {
    const document = errorDocument(asCompanionError(error));
    return { content: [{ type: "text", text: `error: ${document.message}\n${JSON.stringify(document, null, 2)}` }], structuredContent: document, isError: true };
  }
}

/** structuredContent is the CLI's document; the text block is a summary line, then that JSON. */
function answer(toolName: string, result: OperationResult): CallToolResult {
  const timedOut = toolName === "wait" && result.exitCode === EXIT.waitTimeout;
  const document: Record<string, unknown> = timedOut ? timedOutDocument(result.document as JobRecord) : (result.document as Record<string, unknown>);
  const summary = timedOut
    ? `job ${String(document.job_id)} is still ${String(document.status)}: call wait again`
    : result.failed
      ? `error: ${String(document.message)}`
      : (result.human ?? "").split("\n")[0];
  return { content: [{ type: "text", text: `${summary}\n${JSON.stringify(document, null, 2)}` }], structuredContent: document, ...(result.failed ? { isError: true } : {}) };
}

const timedOutDocument = (record: JobRecord) => ({ job_id: record.job_id, status: record.status, timed_out: true, progress: record.progress });

/** Progress notifications from a live job's record, when the caller asked for them. */
function progressReporter(extra: Extra): Pick<OperationContext, "onProgress"> {
  const token = extra._meta?.progressToken;
  if (token === undefined) return {};
  let sent = 0;
  let lastKey = "";
  let lastAt = 0;
  return {
    onProgress: (record) => {
      const key = JSON.stringify([record.status, record.progress]);
      if (key === lastKey && Date.now() - lastAt < HEARTBEAT_MS) return;
      [lastKey, lastAt] = [key, Date.now()];
      const params = { progressToken: token, progress: ++sent, message: renderProgress(record) };
      extra.sendNotification({ method: "notifications/progress", params }).catch(() => undefined);
    },
  };
}

/** The calls in flight, so that closing the server can interrupt the foreground runs among them. */
class Running {
  private readonly interrupts = new Set<() => void>();
  private readonly calls = new Set<Promise<unknown>>();

  track<T>(call: (onInterrupt: OperationContext["onInterrupt"]) => Promise<T>): Promise<T> {
    const promise = call((handler) => {
      this.interrupts.add(handler);
      return () => this.interrupts.delete(handler);
    });
    this.calls.add(promise);
    void promise.finally(() => this.calls.delete(promise)).catch(() => undefined);
    return promise;
  }

  /** Interrupts the foreground runs and waits for them to record their end. */
  async interruptAll(): Promise<void> {
    const interrupted = [...this.interrupts];
    for (const handler of interrupted) handler();
    if (interrupted.length > 0) await Promise.allSettled([...this.calls]);
  }
}
