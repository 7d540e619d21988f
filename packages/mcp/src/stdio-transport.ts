import { read } from "node:fs";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { ReadBuffer, serializeMessage } from "@modelcontextprotocol/sdk/shared/stdio.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { writeStdout } from "@agent-companion/core/front-end";

const CHUNK = 64 * 1024;

/**
 * The SDK's stdio transport, on the descriptors rather than on `process.stdin`/`stdout`:
 * touching those builds a `net.Socket` for a pipe, and loading `net` and the stream modules
 * was a visible share of the time a host waits for `initialize` (SPEC §10). Messages are
 * framed and checked by the SDK's own ReadBuffer. Writes are synchronous, as Node's own are
 * to a pipe on Linux; a descriptor left non-blocking (EAGAIN) is read, or written, through
 * the stream instead.
 */
export class StdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private readonly buffer = new ReadBuffer();
  private closed = false;

  start(): Promise<void> {
    this.readNext(Buffer.allocUnsafe(CHUNK));
    return Promise.resolve();
  }

  send(message: JSONRPCMessage): Promise<void> {
    writeStdout(serializeMessage(message));
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.buffer.clear();
      this.onclose?.();
    }
    return Promise.resolve();
  }

  /** One read at a time, in libuv's thread pool; end of input closes the transport. */
  private readNext(chunk: Buffer): void {
    read(0, chunk, 0, CHUNK, null, (error, bytes) => {
      if (this.closed) return;
      if (error?.code === "EAGAIN") return this.readStream();
      if (error !== null || bytes === 0) return void this.close();
      // The buffer keeps what it is given, so the next read needs a chunk of its own.
      this.receive(Buffer.from(chunk.subarray(0, bytes)));
      this.readNext(chunk);
    });
  }

  private readStream(): void {
    process.stdin.on("data", (data: Buffer) => !this.closed && this.receive(data));
    process.stdin.once("end", () => void this.close()).once("error", () => void this.close());
    // Flowing even if someone paused it.
    process.stdin.resume();
  }

  private receive(data: Buffer): void {
    try {
      this.buffer.append(data);
    } catch (error) {
      // Over the SDK's size limit: the stream cannot be resynchronised.
      this.onerror?.(error as Error);
      void this.close();
      return;
    }
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.buffer.readMessage();
      } catch (error) {
        // One bad line: reported, and the next one is read.
        this.onerror?.(error as Error);
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }
}
