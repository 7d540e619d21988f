import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dispatchModelRequest } from "./dispatch.js";
import type { DispatchDeps } from "./dispatch.js";
import { bodyValue, readBody, sendJson } from "./http-io.js";
import { parseScript, ScriptError } from "./parse-script.js";
import { RequestLog } from "./request-log.js";
import type { LoggedRequest } from "./request-log.js";
import { routeOf } from "./route.js";
import { DEFAULT_SCRIPT } from "./script.js";
import type { Script } from "./script.js";
import { ScriptPlayer } from "./script-player.js";

export interface ModelServerOptions {
  readonly script?: Script;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Also append every logged request to this JSONL file. */
  readonly logFile?: string;
}

export interface ModelServer {
  /** `http://127.0.0.1:PORT`, the value for ANTHROPIC_BASE_URL / GOOGLE_GEMINI_BASE_URL. */
  readonly url: string;
  readonly port: number;
  requests(): readonly LoggedRequest[];
  /** Replaces the script; each API starts again from the first turn. */
  setScript(script: Script): void;
  clearLog(): void;
  /** Stops listening and cuts open connections, stalled streams included. */
  close(): Promise<void>;
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: DispatchDeps): Promise<void> {
  const route = routeOf(req.method ?? "GET", req.url ?? "/");
  const body = bodyValue(await readBody(req));
  switch (route.endpoint) {
    case "control.log":
      return sendJson(res, 200, deps.log.entries());
    case "control.script":
      return replaceScript(res, body, deps);
    default:
      return dispatchModelRequest(route, { req, res, body, deps });
  }
}

function replaceScript(res: ServerResponse, body: unknown, deps: DispatchDeps): void {
  try {
    deps.player.replace(parseScript(body));
    sendJson(res, 200, { ok: true });
  } catch (error) {
    if (!(error instanceof ScriptError)) throw error;
    sendJson(res, 400, { ok: false, error: error.message });
  }
}

function failRequest(res: ServerResponse, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (res.headersSent) res.destroy();
  else sendJson(res, 500, { error: { code: 500, message: `model server bug: ${message}` } });
}

export async function createModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
  const log = new RequestLog(options.logFile);
  const player = new ScriptPlayer(options.script ?? DEFAULT_SCRIPT);
  let lastId = 0;
  const deps: DispatchDeps = { player, log, nextId: () => ++lastId };
  const server = createServer((req, res) => {
    handle(req, res, deps).catch((error: unknown) => failRequest(res, error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Loopback only: the server stands in for a remote API and must not be reachable.
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: () => log.entries(),
    setScript: (script) => player.replace(script),
    clearLog: () => log.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
