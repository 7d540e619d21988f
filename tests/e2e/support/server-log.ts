/** Reading the scripted server's request log: the evidence of what the real CLIs sent. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { LoggedRequest, ModelServer } from "@agent-companion/model-server";
import type { CliSandbox } from "@agent-companion/real-cli";

/** Requests that played a scripted turn (model calls), not token counts or helper calls. */
export const conversationRequests = (server: ModelServer): readonly LoggedRequest[] => server.requests().filter((r) => r.turn !== null);

/** Every byte the server received, headers and bodies, for leak checks. */
export const everythingSent = (server: ModelServer): string => JSON.stringify(server.requests());

/**
 * Session ids the CLI itself used: Claude names its session in a request header; Gemini
 * stores each session under ~/.gemini/tmp/<project>/chats with the id on the first line.
 */
export async function sessionIdsSeen(server: ModelServer, sandbox: CliSandbox): Promise<string[]> {
  if (sandbox.target === "claude") {
    return server.requests().flatMap((r) => r.headers["x-claude-code-session-id"] ?? []);
  }
  const chats = (await readdir(join(sandbox.home, ".gemini", "tmp"), { recursive: true, withFileTypes: true })).filter(
    (entry) => entry.isFile() && entry.name.endsWith(".jsonl"),
  );
  const firstLines = await Promise.all(chats.map(async (entry) => (await readFile(join(entry.parentPath, entry.name), "utf8")).split("\n", 1)[0] ?? "{}"));
  return firstLines.map((line) => String((JSON.parse(line) as { sessionId?: unknown }).sessionId));
}
