import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The transport reads descriptor 0, so it runs in a child process of its own: this echoes
// each message back through the transport, reports errors as notifications, says when it is
// ready for input (and, for a non-blocking stdin, that it has gone over to the stream), and
// when the transport closed.
const BUILT = fileURLToPath(new URL("../dist/stdio-transport.js", import.meta.url));
const echo = (touchStdin: boolean) => `
  import { StdioTransport } from ${JSON.stringify(BUILT)};
  const ready = () => process.stderr.write("ready;");
  // A paused stdin stream leaves the descriptor non-blocking: with nothing written yet, the
  // first read fails with EAGAIN, and the transport goes over to the stream.
  ${touchStdin ? 'process.stdin.pause().on("newListener", (event) => event === "data" && ready());' : ""}
  const transport = new StdioTransport();
  transport.onmessage = (message) => void transport.send(message);
  transport.onerror = (error) => void transport.send({ jsonrpc: "2.0", method: "error", params: { message: error.message } });
  transport.onclose = () => process.stderr.write("closed");
  await transport.start();
  ${touchStdin ? "" : "setImmediate(ready);"}
`;

async function exchange(input: string[], touchStdin = false): Promise<{ messages: unknown[]; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", echo(touchStdin)], { stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (data: Buffer) => (stdout += data.toString("utf8")));
  child.stderr.on("data", (data: Buffer) => (stderr += data.toString("utf8")));
  await new Promise<void>((resolve) => child.stderr.on("data", () => stderr.startsWith("ready;") && resolve()));
  stderr = "";
  for (const part of input) child.stdin.write(part);
  child.stdin.end();
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  return { messages: stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as unknown), stderr, code };
}

const request = (id: number, text = "x") => ({ jsonrpc: "2.0", id, method: "echo", params: { text } });
const line = (message: unknown) => `${JSON.stringify(message)}\n`;

describe("StdioTransport", () => {
  it("frames messages larger than one read, and closes at the end of input", async () => {
    const large = request(1, "y".repeat(150_000));
    const result = await exchange([line(large), line(request(2))]);
    expect(result.messages).toEqual([large, request(2)]);
    expect(result.stderr).toBe("closed");
    expect(result.code).toBe(0);
  });

  it("reports a line that is not a message and reads on", async () => {
    const result = await exchange([line(request(1)), "not json\n", line({ no: "jsonrpc" }), line(request(2))]);
    expect(result.messages.filter((m) => (m as { method: string }).method === "echo")).toEqual([request(1), request(2)]);
    expect(result.messages.filter((m) => (m as { method: string }).method === "error")).toHaveLength(2);
    expect(result.stderr).toBe("closed");
  });

  it("delivers everything in order when stdin was left non-blocking, through the stream", async () => {
    const messages = Array.from({ length: 50 }, (_, i) => request(i, "z".repeat(5000)));
    const result = await exchange(messages.map(line), true);
    expect(result.messages).toEqual(messages);
    expect(result.stderr).toBe("closed");
  });
});
