/** Where a request goes: a model endpoint of either API, or the server's own controls. */
export type Route =
  | { readonly endpoint: "anthropic.messages" | "anthropic.count_tokens" | "openai.responses" }
  | { readonly endpoint: GeminiEndpoint; readonly model: string }
  | { readonly endpoint: "control.log" | "control.script" }
  | { readonly endpoint: "unknown" };

type GeminiEndpoint = "gemini.stream_generate" | "gemini.generate" | "gemini.count_tokens";

export type ModelRoute = Exclude<Route, { endpoint: "control.log" | "control.script" }>;

const GEMINI_PATH = /^\/v1beta\/models\/([^/:]+):(\w+)$/;

function geminiEndpoint(action: string | undefined): GeminiEndpoint | undefined {
  switch (action) {
    case "streamGenerateContent":
      return "gemini.stream_generate";
    case "generateContent":
      return "gemini.generate";
    case "countTokens":
      return "gemini.count_tokens";
    default:
      return undefined;
  }
}

function modelRoute(method: string, path: string): ModelRoute {
  if (method !== "POST") return { endpoint: "unknown" };
  if (path === "/v1/messages") return { endpoint: "anthropic.messages" };
  if (path === "/v1/messages/count_tokens") return { endpoint: "anthropic.count_tokens" };
  if (path === "/v1/responses") return { endpoint: "openai.responses" };
  const match = GEMINI_PATH.exec(path);
  const model = match?.[1];
  const endpoint = geminiEndpoint(match?.[2]);
  if (model === undefined || endpoint === undefined) return { endpoint: "unknown" };
  return { endpoint, model: decodeURIComponent(model) };
}

export function routeOf(method: string, url: string): Route {
  const path = new URL(url, "http://model.invalid").pathname;
  if (path === "/__log" && method === "GET") return { endpoint: "control.log" };
  if (path === "/__script" && method === "PUT") return { endpoint: "control.script" };
  return modelRoute(method, path);
}
