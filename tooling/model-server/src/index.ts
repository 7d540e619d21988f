export { createModelServer } from "./server.js";
export type { ModelServer, ModelServerOptions } from "./server.js";
export { parseScript, ScriptError } from "./parse-script.js";
export { DEFAULT_ANSWER } from "./script.js";
export type {
  ApiName,
  ExhaustedPolicy,
  HttpErrorTurn,
  ListToolsTurn,
  RecallTurn,
  Script,
  SlowTextTurn,
  StallTurn,
  TextTurn,
  ToolCallTurn,
  Turn,
} from "./script.js";
export type { Endpoint, LoggedRequest } from "./request-log.js";
export { reviewLoopTurns } from "./host-loop.js";
export type { HostToolCall } from "./host-loop.js";
