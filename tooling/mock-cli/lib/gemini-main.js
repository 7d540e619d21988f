// mock-gemini: argv handling, validation and the output driver for `gemini -p`.

import { parseYargs } from "./cli-yargs.js";
import { readStdin, writeStderr, writeStdout } from "./io.js";
import { beginInvocation } from "./invocation.js";
import { withoutOmitted } from "./options.js";
import { GEMINI_DEFAULT_VERSION, GEMINI_OPTIONS, geminiHelp } from "./gemini-options.js";
import { deniedTools, policyFiles } from "./gemini-policy.js";
import {
  GEMINI_DEFAULT_MODEL,
  geminiInit,
  geminiJsonError,
  geminiJsonStats,
  geminiMessage,
  geminiStreamError,
  geminiStreamResult,
  geminiToolResult,
  geminiToolUse,
} from "./gemini-shapes.js";
import { runScenario } from "./scenario.js";
import { chooseSession, loadSession, saveSession, sessionMarker } from "./session.js";
import { WRITE_CONTENT } from "./write-action.js";

/** @typedef {import("./scenario.js").ErrorKind} ErrorKind */
/** @typedef {import("./scenario.js").TargetDriver} TargetDriver */
/** @typedef {import("./gemini-shapes.js").ToolStat} ToolStat */

const TARGET = "gemini";
const ANSWER = "No blocking issues found. VERDICT: APPROVE";
const TOOL_ANSWER = "Tool finished. VERDICT: APPROVE";
const WRITE_TOOL_MISSING = 'Tool "write_file" not found. Did you mean one of: "read_file", "update_topic", "grep_search"?';
const STDERR_NOISE = "Warning: 256-color support not detected. Using a terminal with at least 256-color support is recommended for a better visual experience.\nRipgrep is not available. Falling back to GrepTool.\n";

/**
 * @param {number} status
 * @param {string} message
 * @param {string} apiStatus
 */
const apiErrorJson = (status, message, apiStatus) => JSON.stringify({ error: { code: status, message, status: apiStatus } });

/**
 * @param {string} errorName
 * @param {string} detail
 * @param {string} codeLine
 */
const apiErrorPreamble = (errorName, detail, codeLine) => {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return (
    STDERR_NOISE +
    `Error when talking to Gemini API Full report available at: $TMPDIR/gemini-client-error-Turn.run-sendMessageStream-${stamp}.json ${errorName}: ${detail}\n` +
    `  ${codeLine}\n}\n`
  );
};

/**
 * What each error scenario looks like from Gemini CLI 0.61.0 (fixtures gemini-0.61.0-*-stderr.txt).
 * `code` is error.code in the json-format document; the exit status is code modulo 256
 * (401 → 145). `formatted` is the parseAndFormatApiError() text that stream-json puts in its
 * error result and text mode prints. `fatal` errors (auth configuration) exit with their code
 * in every format; API errors in text mode end as an unexpected error (exit 1).
 * @typedef {{ code: number, afterBegin: boolean, fatal: boolean, message: (model: string) => string,
 *   formatted: (model: string) => string, preamble: (model: string) => string }} GeminiError
 */

/**
 * @param {number} status
 * @param {string} apiStatus
 * @param {string} errorName
 * @param {(model: string) => string} text
 * @returns {GeminiError}
 */
const apiError = (status, apiStatus, errorName, text) => ({
  code: status,
  afterBegin: true,
  fatal: false,
  message: (model) => apiErrorJson(status, text(model), apiStatus),
  formatted: (model) => `[API Error: ${text(model)} (Status: ${apiStatus})]`,
  preamble: (model) => apiErrorPreamble(errorName, apiErrorJson(status, text(model), apiStatus), `status: ${status}`),
});

/**
 * @param {string} message
 * @returns {GeminiError}
 */
const configError = (message) => ({
  code: 41,
  afterBegin: false,
  fatal: true,
  message: () => message,
  formatted: () => message,
  preamble: () => "",
});

/** @param {string} model */
const modelNotFound = (model) => `models/${model} is not found for API version v1beta, or is not supported for generateContent.`;

/** @type {Record<ErrorKind, GeminiError>} */
const ERRORS = {
  auth: apiError(401, "UNAUTHENTICATED", "_ApiError", () => "API key not valid. Please pass a valid API key."),
  "auth-config": configError("Invalid auth method selected."),
  "not-logged-in": configError(
    "When using Gemini API, you must specify the GEMINI_API_KEY environment variable.\nUpdate your environment and try again (no reload needed if using .env)!",
  ),
  "rate-limit": apiError(429, "RESOURCE_EXHAUSTED", "_ApiError", () => "Resource has been exhausted (e.g. check quota)."),
  quota: apiError(
    429,
    "RESOURCE_EXHAUSTED",
    "TerminalQuotaError",
    (model) => `Quota exceeded for quota metric 'Generate Content API requests per day' and limit 'GenerateContent request limit per day' of service 'generativelanguage.googleapis.com' for model ${model}. You have exhausted your daily quota on this model.`,
  ),
  "unknown-model": {
    code: 1,
    afterBegin: true,
    fatal: false,
    message: modelNotFound,
    formatted: (model) => `[API Error: ${modelNotFound(model)}]`,
    preamble: (model) => apiErrorPreamble("ModelNotFoundError", modelNotFound(model), "code: 404"),
  },
};

/**
 * Gemini appends the -p text to stdin.
 * @param {string} stdin
 * @param {string} prompt
 */
export function combinePrompt(stdin, prompt) {
  if (stdin.trim() === "") return prompt;
  if (prompt === "") return stdin;
  return `${stdin}\n\n${prompt}`;
}

export async function main() {
  const inv = beginInvocation(TARGET);
  const { switches } = inv;
  const specs = withoutOmitted(GEMINI_OPTIONS, switches.helpOmit);
  const help = geminiHelp(specs);
  /** @param {string} message */
  const usageError = (message) => inv.exit(1, { stderr: `${help}\n${message}\n` });

  const parsed = parseYargs(process.argv.slice(2), specs);
  if (!parsed.ok) return usageError(parsed.message);
  const { opts, operands } = parsed;
  if (opts.help) return inv.exit(0, { stdout: help });
  if (opts.version) return inv.exit(0, { stdout: `${switches.version ?? GEMINI_DEFAULT_VERSION}\n` });
  if (opts.yolo && opts.approvalMode !== undefined) {
    return usageError("Cannot use both --yolo (-y) and --approval-mode together. Use --approval-mode=yolo instead.");
  }
  const query = operands.join(" ");
  const promptOpt = typeof opts.prompt === "string" ? opts.prompt : undefined;
  if (promptOpt !== undefined && query !== "") {
    return usageError("Cannot use both a positional prompt and the --prompt (-p) flag together");
  }
  if (opts.sandbox) {
    return inv.exit(1, {
      stderr: `ERROR: Sandbox image 'us-docker.pkg.dev/gemini-code-dev/gemini-cli/sandbox:${GEMINI_DEFAULT_VERSION}' is missing or could not be pulled. Please ensure Docker is running and the image is available.\n`,
    });
  }
  if (!opts.skipTrust && process.env.GEMINI_CLI_TRUST_WORKSPACE !== "true") {
    return inv.exit(55, {
      stderr:
        "Gemini CLI is not running in a trusted directory. To proceed, either use `--skip-trust`, set the `GEMINI_CLI_TRUST_WORKSPACE=true` environment variable, or trust this directory in interactive mode.\n",
    });
  }

  const outputFormat = /** @type {string} */ (opts.outputFormat || "text");
  if (process.stdin.isTTY && promptOpt === undefined && query === "") {
    return inv.exit(1, { stderr: "mock-gemini imitates only headless runs; pass -p/--prompt or pipe the prompt on stdin.\n" });
  }
  const stdin = await readStdin();
  const prompt = combinePrompt(stdin, promptOpt ?? query);
  inv.started(stdin, prompt === "" ? null : prompt);
  if (prompt.trim() === "") {
    return inv.exit(42, { stderr: "No input provided via stdin. Input can be provided by piping data into gemini or using the --prompt option.\n" });
  }

  const resumeOpt = typeof opts.resume === "string" ? opts.resume || "latest" : undefined;
  if (resumeOpt !== undefined && switches.stateDir) {
    const stored = loadSession(switches.stateDir, TARGET, resumeOpt);
    if (!stored || stored.cwd !== process.cwd()) {
      return inv.exit(42, { stderr: `Error resuming session: Invalid session identifier "${resumeOpt}". Use --list-sessions to see available sessions.\n` });
    }
  }
  const policy = policyFiles(Array.isArray(opts.policy) ? opts.policy : []);
  const policyWarnings = policy.missing.map((p) => `Warning: policy file not found: ${p}\n`).join("");
  if (policyWarnings) await writeStderr(policyWarnings);
  const denied = deniedTools(policy.files);
  const approvalMode = opts.yolo ? "yolo" : /** @type {string} */ (opts.approvalMode || "default");

  const session = chooseSession({ sessionId: typeof opts.sessionId === "string" ? opts.sessionId : undefined, resume: resumeOpt });
  const model = typeof opts.model === "string" && opts.model !== "" ? opts.model : GEMINI_DEFAULT_MODEL;
  const startedAt = Date.now();
  let sent = "";

  /** @param {object} event */
  const emitEvent = async (event) => {
    if (outputFormat === "stream-json") await writeStdout(`${JSON.stringify(event)}\n`);
  };

  /** @type {TargetDriver} */
  const driver = {
    async begin() {
      await emitEvent(geminiInit({ sessionId: session.sessionId, model }));
      await emitEvent(geminiMessage("user", prompt));
    },
    async progress(step, steps) {
      const text = `${switches.resultText ?? ANSWER}${sessionMarker(session)}`;
      const piece = text.slice(sent.length, Math.floor((text.length * step) / steps));
      sent += piece;
      await emitEvent(geminiMessage("assistant", piece));
    },
    writeDecision() {
      if (denied.has("write_file")) return "unavailable";
      return approvalMode === "yolo" || approvalMode === "auto_edit" ? "allowed" : "unavailable";
    },
    async succeed({ write }) {
      /** @type {ToolStat[]} */
      const tools = [];
      let linesAdded = 0;
      if (write) {
        const toolId = `write_file__write_file_${Date.now()}_0`;
        await emitEvent(geminiToolUse({ toolName: "write_file", toolId, parameters: { file_path: write.path, content: WRITE_CONTENT } }));
        if (write.status === "written") {
          const output = write.created ? `Successfully created and wrote to new file: ${write.path}.` : `Successfully overwrote file: ${write.path}.`;
          await emitEvent(geminiToolResult({ toolId, status: "success", output }));
          tools.push({ name: "write_file", success: true, decision: "auto_accept" });
          linesAdded = 1;
        } else if (write.status === "failed") {
          const message = `Error writing to file: ${write.error ?? "unknown error"}`;
          await emitEvent(geminiToolResult({ toolId, status: "error", output: message, error: { type: "file_write_failure", message } }));
          tools.push({ name: "write_file", success: false, decision: "auto_accept" });
        } else {
          await emitEvent(geminiToolResult({ toolId, status: "error", output: WRITE_TOOL_MISSING, error: { type: "tool_not_registered", message: WRITE_TOOL_MISSING } }));
          tools.push({ name: "write_file", success: false, decision: "reject" });
        }
      }
      const text = `${switches.resultText ?? (write ? TOOL_ANSWER : ANSWER)}${sessionMarker(session)}`;
      const rest = text.startsWith(sent) ? text.slice(sent.length) : text;
      const response = sent + rest;
      if (rest !== "") await emitEvent(geminiMessage("assistant", rest));
      const turns = write ? 2 : 1;
      const usage = { input: 10 * turns, output: 8 * turns, toolCalls: tools.length, durationMs: Date.now() - startedAt };
      saveSession(switches.stateDir, TARGET, session.sessionId);
      if (outputFormat === "stream-json") await emitEvent(geminiStreamResult({ model, usage }));
      else if (outputFormat === "json") {
        const stats = geminiJsonStats({ model, usage, requests: turns, tools, linesAdded });
        await writeStdout(`${JSON.stringify({ session_id: session.sessionId, response, stats }, null, 2)}\n`);
      } else await writeStdout(`${response}\n`);
      return 0;
    },
    errorAfterBegin(kind) {
      return ERRORS[kind].afterBegin;
    },
    async fail(kind) {
      const spec = ERRORS[kind];
      await writeStderr(spec.preamble(model));
      if (outputFormat === "stream-json") {
        await emitEvent(geminiStreamError({ model, message: spec.formatted(model), durationMs: Date.now() - startedAt }));
      } else if (outputFormat === "json") {
        await writeStderr(`${geminiJsonError({ sessionId: session.sessionId, message: spec.message(model), code: spec.code })}\n`);
      } else {
        await writeStderr(`${spec.formatted(model)}\n`);
        if (!spec.fatal) {
          await writeStderr(`An unexpected critical error occurred:\nError: ${spec.message(model)}\n    at Turn.run (file:///usr/lib/node_modules/@google/gemini-cli/bundle/gemini.js:1:1)\n`);
          return 1;
        }
      }
      return spec.code % 256;
    },
    async crash() {
      await writeStderr(
        "file:///usr/lib/node_modules/@google/gemini-cli/bundle/gemini.js:1\n" +
          "TypeError: Cannot read properties of undefined (reading 'candidates')\n" +
          "    at Turn.run (file:///usr/lib/node_modules/@google/gemini-cli/bundle/gemini.js:1:1)\n" +
          "mock-gemini: simulated crash (MOCK_CLI_SCENARIO=crash)\n",
      );
    },
  };
  return runScenario(driver, switches, inv.term);
}
