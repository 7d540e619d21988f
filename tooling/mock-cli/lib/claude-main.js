// mock-claude: argv handling, validation and the output driver for `claude -p`.

import { randomBytes } from "node:crypto";
import { parseCommander } from "./cli-commander.js";
import { readStdin, writeStderr, writeStdout } from "./io.js";
import { beginInvocation } from "./invocation.js";
import { splitList, withoutOmitted } from "./options.js";
import { CLAUDE_DEFAULT_VERSION, CLAUDE_OPTIONS, claudeHelp } from "./claude-options.js";
import {
  CLAUDE_DEFAULT_MODEL,
  CLAUDE_DEFAULT_TOOLS,
  claudeApiErrorAssistant,
  claudeApiRetry,
  claudeAssistant,
  claudeErrorResult,
  claudeInit,
  claudePartialEvents,
  claudePermissionDenied,
  claudeSuccessResult,
  claudeToolResult,
} from "./claude-shapes.js";
import { runScenario } from "./scenario.js";
import { sampleFromSchema } from "./schema-sample.js";
import { chooseSession, isUuid, loadSession, saveSession, sessionMarker } from "./session.js";
import { WRITE_CONTENT } from "./write-action.js";

/** @typedef {import("./scenario.js").ErrorKind} ErrorKind */
/** @typedef {import("./scenario.js").TargetDriver} TargetDriver */

const TARGET = "claude";
const ANSWER = "No blocking issues found. VERDICT: APPROVE";
const TOOL_ANSWER = "Tool finished. VERDICT: APPROVE";

/**
 * What each error scenario looks like from Claude Code (fixtures claude-2.1.330-json-error-*).
 * @type {Record<ErrorKind, { status: number | null, apiErrorType?: string, error: string, retries: number, text: (model: string) => string }>}
 */
const ERRORS = {
  auth: { status: 401, apiErrorType: "authentication_error", error: "authentication_failed", retries: 2, text: () => "Failed to authenticate. API Error: 401 invalid x-api-key" },
  "auth-config": { status: null, error: "authentication_failed", retries: 0, text: () => "Not logged in · Please run /login" },
  "not-logged-in": { status: null, error: "authentication_failed", retries: 0, text: () => "Not logged in · Please run /login" },
  "rate-limit": { status: 429, apiErrorType: "rate_limit_error", error: "rate_limit", retries: 2, text: () => "API Error: Request rejected (429) · This request would exceed the rate limit for your organization" },
  quota: { status: 429, apiErrorType: "rate_limit_error", error: "rate_limit", retries: 0, text: () => "Claude AI usage limit reached · Your limit will reset at 5pm (UTC)" },
  "unknown-model": {
    status: 404,
    apiErrorType: "not_found_error",
    error: "invalid_request",
    retries: 0,
    text: (model) => `There's an issue with the selected model (${model}). It may not exist or you may not have access to it. Run --model to pick a different model.`,
  },
};

/**
 * Tools offered to the model: --tools (or the default set) minus bare --disallowedTools names.
 * @param {import("./options.js").ParsedOptions} opts
 */
export function offeredTools(opts) {
  let tools;
  if (opts.tools === undefined) tools = [...CLAUDE_DEFAULT_TOOLS];
  else {
    const names = splitList(opts.tools);
    tools = names.length === 1 && names[0] === "default" ? [...CLAUDE_DEFAULT_TOOLS] : [...new Set(names)].sort();
  }
  const denied = new Set(splitList(opts.disallowedTools).filter((n) => !n.includes("(")));
  return tools.filter((t) => !denied.has(t));
}

/** @param {string} message */
const errorLine = (message) => `error: ${message}\n`;

export async function main() {
  const inv = beginInvocation(TARGET);
  const { switches } = inv;
  const specs = withoutOmitted(CLAUDE_OPTIONS, switches.helpOmit);
  const parsed = parseCommander(process.argv.slice(2), specs);
  if (!parsed.ok) return inv.exit(1, { stderr: errorLine(parsed.message) });
  const { opts, operands } = parsed;

  if (opts.help) return inv.exit(0, { stdout: claudeHelp(specs) });
  if (opts.version) return inv.exit(0, { stdout: `${switches.version ?? CLAUDE_DEFAULT_VERSION}\n` });
  if (operands.length > 1) {
    return inv.exit(1, { stderr: errorLine(`too many arguments. Expected 1 argument but got ${operands.length}.`) });
  }
  if (!opts.print) {
    return inv.exit(1, { stderr: "Error: mock-claude imitates only headless runs; pass -p/--print (interactive mode needs a TTY).\n" });
  }

  const outputFormat = /** @type {string} */ (opts.outputFormat ?? "text");
  const verbose = opts.verbose === true;
  if (outputFormat === "stream-json" && !verbose) {
    return inv.exit(1, { stderr: "Error: When using --print, --output-format=stream-json requires --verbose\n" });
  }
  const sessionIdOpt = typeof opts.sessionId === "string" ? opts.sessionId : undefined;
  if (sessionIdOpt !== undefined && !isUuid(sessionIdOpt)) {
    return inv.exit(1, { stderr: "Error: Invalid session ID. Must be a valid UUID.\n" });
  }
  if (opts.resume === true) {
    return inv.exit(1, { stderr: "Error: --resume requires a session ID when used with --print\n" });
  }
  const resume = typeof opts.resume === "string" ? opts.resume : undefined;
  if (resume !== undefined && sessionIdOpt !== undefined) {
    return inv.exit(1, { stderr: "Error: --session-id can only be used with --continue or --resume if --fork-session is also specified.\n" });
  }
  /** @type {unknown} */
  let schema;
  if (typeof opts.jsonSchema === "string") {
    try {
      schema = JSON.parse(opts.jsonSchema);
    } catch (err) {
      return inv.exit(1, { stderr: `Error: Invalid JSON schema: ${/** @type {Error} */ (err).message}\n` });
    }
  }

  const stdin = await readStdin();
  const argPrompt = operands[0] ?? "";
  const prompt = [argPrompt, stdin].filter((s) => s.trim() !== "").join("\n\n");
  inv.started(stdin, prompt === "" ? null : prompt);
  if (prompt === "") {
    return inv.exit(1, { stderr: "Error: Input must be provided either through stdin or as a prompt argument when using --print\n" });
  }
  if (resume !== undefined && switches.stateDir && !loadSession(switches.stateDir, TARGET, resume)) {
    return inv.exit(1, { stderr: `No conversation found with session ID: ${resume}\n` });
  }

  const session = chooseSession({ sessionId: sessionIdOpt, resume });
  const model = typeof opts.model === "string" && opts.model !== "" ? opts.model : CLAUDE_DEFAULT_MODEL;
  const tools = offeredTools(opts);
  const permissionMode = /** @type {string} */ (opts.permissionMode ?? "default");
  const allowed = splitList(opts.allowedTools);
  const startedAt = Date.now();
  const base = { sessionId: session.sessionId, model };

  /** @type {object[]} */
  const collected = [];
  let msgIndex = 0;
  /** @param {object} event */
  const emitEvent = async (event) => {
    if (outputFormat === "stream-json") await writeStdout(`${JSON.stringify(event)}\n`);
    else if (outputFormat === "json" && verbose) collected.push(event);
  };
  /** @param {Record<string, unknown>} result */
  const emitResult = async (result) => {
    if (outputFormat === "stream-json") await writeStdout(`${JSON.stringify(result)}\n`);
    else if (outputFormat === "json") {
      // With --verbose the json format prints every message as one array.
      await writeStdout(`${JSON.stringify(verbose ? [...collected, result] : result)}\n`);
    } else await writeStdout(`${String(result.result)}\n`);
  };
  /** @param {object[]} content */
  const assistant = (content) => claudeAssistant({ ...base, content, msgIndex: ++msgIndex });
  const partial = opts.includePartialMessages === true && outputFormat === "stream-json";
  /**
   * A text message; with --include-partial-messages its words stream first, as in the real CLI.
   * @param {string} text
   */
  const emitText = async (text) => {
    const message = assistant([{ type: "text", text }]);
    const events = partial ? claudePartialEvents({ ...base, msgIndex, text }) : { before: [], after: [] };
    for (const event of events.before) await emitEvent(event);
    await emitEvent(message);
    for (const event of events.after) await emitEvent(event);
  };

  /** @type {TargetDriver} */
  const driver = {
    async begin() {
      await emitEvent(
        claudeInit({
          ...base,
          cwd: process.cwd(),
          tools,
          permissionMode,
          version: (switches.version ?? CLAUDE_DEFAULT_VERSION).split(" ")[0] ?? "",
          apiKeySource: process.env.ANTHROPIC_API_KEY ? "ANTHROPIC_API_KEY" : "none",
          addDirs: splitList(opts.addDir),
        }),
      );
    },
    async progress(step, steps) {
      await emitText(`Reviewing (${step}/${steps})…`);
    },
    writeDecision() {
      if (!tools.includes("Write")) return "unavailable";
      if (permissionMode === "acceptEdits" || permissionMode === "bypassPermissions") return "allowed";
      if (allowed.some((t) => t === "Write" || t.startsWith("Write("))) return "allowed";
      return "denied";
    },
    async succeed({ write }) {
      let turns = 1;
      /** @type {object[]} */
      const denials = [];
      if (write) {
        turns += 1;
        const toolUseId = `toolu_${randomBytes(12).toString("hex")}`;
        const input = { file_path: write.path, content: WRITE_CONTENT };
        await emitEvent(assistant([{ type: "tool_use", id: toolUseId, name: "Write", input }]));
        if (write.status === "written") {
          const content = write.created
            ? `File created successfully at: ${write.path}`
            : `The file ${write.path} has been updated successfully.`;
          await emitEvent(claudeToolResult({
            sessionId: session.sessionId, toolUseId, content, isError: false,
            toolUseResult: { type: write.created ? "create" : "update", filePath: write.path, content: WRITE_CONTENT, structuredPatch: [], originalFile: null },
          }));
        } else if (write.status === "denied") {
          const message = `Claude requested permissions to write to ${write.path}, but you haven't granted it yet.`;
          await emitEvent(claudePermissionDenied({ sessionId: session.sessionId, toolName: "Write", toolUseId, message }));
          await emitEvent(claudeToolResult({
            sessionId: session.sessionId, toolUseId, content: message, isError: true, toolUseResult: `Error: ${message}`,
            meta: [{ id: toolUseId, non_execution_kind: "user-rejected", permission_decision: { decision: "reject", source: "config" } }],
          }));
          denials.push({ tool_name: "Write", tool_use_id: toolUseId, tool_input: input });
        } else {
          const message = write.status === "unavailable" ? "Error: No such tool available: Write" : `Error: ${write.error ?? "write failed"}`;
          await emitEvent(claudeToolResult({
            sessionId: session.sessionId, toolUseId, content: `<tool_use_error>${message}</tool_use_error>`, isError: true, toolUseResult: message,
          }));
        }
      }
      /** @type {unknown} */
      let structuredOutput;
      if (schema !== undefined) {
        turns += 1;
        structuredOutput = switches.structuredOutput !== undefined ? switches.structuredOutput : sampleFromSchema(schema);
        const toolUseId = `toolu_${randomBytes(12).toString("hex")}`;
        await emitEvent(assistant([{ type: "tool_use", id: toolUseId, name: "StructuredOutput", input: structuredOutput }]));
        await emitEvent(claudeToolResult({
          sessionId: session.sessionId, toolUseId, content: "Structured output provided successfully", isError: false,
          toolUseResult: "Structured output provided successfully",
        }));
      }
      const text = `${switches.resultText ?? (write ? TOOL_ANSWER : ANSWER)}${sessionMarker(session)}`;
      await emitText(text);
      if (!opts.noSessionPersistence) saveSession(switches.stateDir, TARGET, session.sessionId);
      await emitResult(claudeSuccessResult({
        ...base, text, turns, durationMs: Date.now() - startedAt, stream: outputFormat === "stream-json",
        permissionDenials: denials, structuredOutput,
      }));
      return 0;
    },
    errorAfterBegin() {
      return true;
    },
    async fail(kind) {
      const spec = ERRORS[kind];
      const text = spec.text(model);
      for (let attempt = 1; attempt <= spec.retries; attempt += 1) {
        await emitEvent(claudeApiRetry({ sessionId: session.sessionId, attempt, status: /** @type {number} */ (spec.status), error: spec.error }));
      }
      await emitEvent(claudeApiErrorAssistant({ sessionId: session.sessionId, text, status: spec.status, apiErrorType: spec.apiErrorType, error: spec.error }));
      await emitResult(claudeErrorResult({
        sessionId: session.sessionId, text, status: spec.status, apiErrorType: spec.apiErrorType,
        durationMs: Date.now() - startedAt, stream: outputFormat === "stream-json",
      }));
      return 1;
    },
    async crash() {
      await writeStderr(
        "TypeError: Cannot read properties of undefined (reading 'content')\n" +
          "    at processTurn (file:///$bunfs/root/claude:1:1)\n" +
          "mock-claude: simulated crash (MOCK_CLI_SCENARIO=crash)\n",
      );
    },
  };
  return runScenario(driver, switches, inv.term);
}
