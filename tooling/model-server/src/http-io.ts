import type { IncomingMessage, ServerResponse } from "node:http";

export type ParsedBody = { readonly kind: "json"; readonly value: unknown } | { readonly kind: "raw"; readonly text: string };

export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return { kind: "raw", text };
  try {
    return { kind: "json", value: JSON.parse(text) as unknown };
  } catch {
    return { kind: "raw", text };
  }
}

export function bodyValue(body: ParsedBody): unknown {
  return body.kind === "json" ? body.value : body.text;
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

/** Resolves after `ms`, or at once when the client has gone, so streams stop early. */
export function pause(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    res.once("close", done);
    function done(): void {
      clearTimeout(timer);
      res.off("close", done);
      resolve();
    }
  });
}

export function isOpen(res: ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded;
}
