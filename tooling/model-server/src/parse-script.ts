import type { ExhaustedPolicy, Script, Turn } from "./script.js";

/** Thrown for a script that does not match the format in script.ts. */
export class ScriptError extends Error {
  override name = "ScriptError";
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function requireString(obj: JsonObject, key: string, at: string): string {
  const value = obj[key];
  if (typeof value !== "string") throw new ScriptError(`${at}.${key}: expected a string`);
  return value;
}

function requireNumber(obj: JsonObject, key: string, at: string): number {
  const value = obj[key];
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ScriptError(`${at}.${key}: expected a non-negative number`);
  }
  return value;
}

function optionalString(obj: JsonObject, key: string, at: string): string | undefined {
  return obj[key] === undefined ? undefined : requireString(obj, key, at);
}

function parseTurn(value: unknown, at: string): Turn {
  if (!isObject(value)) throw new ScriptError(`${at}: expected an object`);
  const kind = value["kind"];
  switch (kind) {
    case "text":
      return { kind, text: requireString(value, "text", at) };
    case "slow_text":
      return { kind, text: requireString(value, "text", at), chunkDelayMs: requireNumber(value, "chunkDelayMs", at) };
    case "tool_call": {
      const input = value["input"];
      if (!isObject(input)) throw new ScriptError(`${at}.input: expected an object`);
      const namespace = optionalString(value, "namespace", at);
      const name = requireString(value, "name", at);
      return namespace === undefined ? { kind, name, input } : { kind, name, namespace, input };
    }
    case "stall": {
      const text = optionalString(value, "text", at);
      return text === undefined ? { kind } : { kind, text };
    }
    case "http_error": {
      const status = requireNumber(value, "status", at);
      if (!Number.isInteger(status) || status < 400 || status > 599) {
        throw new ScriptError(`${at}.status: expected an HTTP error status (400-599)`);
      }
      const message = optionalString(value, "message", at);
      return message === undefined ? { kind, status } : { kind, status, message };
    }
    case "recall":
      return { kind, marker: requireString(value, "marker", at) };
    case "list_tools":
      return { kind };
    default:
      throw new ScriptError(`${at}.kind: unknown turn kind ${JSON.stringify(kind)}`);
  }
}

function parseTurns(value: unknown, at: string): readonly Turn[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new ScriptError(`${at}: expected an array of turns`);
  return value.map((turn, i) => parseTurn(turn, `${at}[${i}]`));
}

function parsePolicy(value: unknown): ExhaustedPolicy | undefined {
  if (value === undefined || value === "repeat_last" || value === "default_answer") return value;
  throw new ScriptError(`script.onExhausted: expected "repeat_last" or "default_answer"`);
}

/** Validates untrusted JSON (a file, an HTTP body) into a Script. */
export function parseScript(value: unknown): Script {
  if (!isObject(value)) throw new ScriptError("script: expected an object");
  const script: {
    turns?: readonly Turn[];
    anthropic?: readonly Turn[];
    gemini?: readonly Turn[];
    openai?: readonly Turn[];
    onExhausted?: ExhaustedPolicy;
  } = {};
  const turns = parseTurns(value["turns"], "script.turns");
  const anthropic = parseTurns(value["anthropic"], "script.anthropic");
  const gemini = parseTurns(value["gemini"], "script.gemini");
  const openai = parseTurns(value["openai"], "script.openai");
  const onExhausted = parsePolicy(value["onExhausted"]);
  if (turns) script.turns = turns;
  if (anthropic) script.anthropic = anthropic;
  if (gemini) script.gemini = gemini;
  if (openai) script.openai = openai;
  if (onExhausted) script.onExhausted = onExhausted;
  return script;
}
