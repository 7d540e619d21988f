/**
 * Reads a byte stream as lines and exact-length payloads, the framing of
 * `git cat-file --batch`. Payloads are handed on chunk by chunk so a blob of any size
 * passes through without being held in memory.
 */
export class ByteReader {
  private pending: Buffer = Buffer.alloc(0);
  private readonly chunks: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer | Uint8Array>) {
    const iterator = source[Symbol.asyncIterator]();
    this.chunks = {
      next: async () => {
        const step = await iterator.next();
        return step.done ? step : { done: false, value: Buffer.from(step.value) };
      },
    };
  }

  /** The next line without its LF, or null at a clean end of stream. */
  async readLine(): Promise<string | null> {
    for (;;) {
      const newline = this.pending.indexOf(0x0a);
      if (newline >= 0) {
        const line = this.pending.subarray(0, newline).toString("utf8");
        this.pending = this.pending.subarray(newline + 1);
        return line;
      }
      if (!(await this.fill())) {
        if (this.pending.length === 0) return null;
        throw new Error("stream ended inside a line");
      }
    }
  }

  /** Passes exactly `length` bytes to `sink`, awaiting it (backpressure) for each piece. */
  async pipeExact(length: number, sink: (piece: Buffer) => Promise<void>): Promise<void> {
    let remaining = length;
    while (remaining > 0) {
      if (this.pending.length === 0 && !(await this.fill())) {
        throw new Error(`stream ended with ${remaining} bytes still expected`);
      }
      const piece = this.pending.subarray(0, Math.min(remaining, this.pending.length));
      this.pending = this.pending.subarray(piece.length);
      remaining -= piece.length;
      await sink(piece);
    }
  }

  async readExact(length: number): Promise<Buffer> {
    const pieces: Buffer[] = [];
    await this.pipeExact(length, async (piece) => {
      pieces.push(Buffer.from(piece));
    });
    return Buffer.concat(pieces);
  }

  private async fill(): Promise<boolean> {
    const step = await this.chunks.next();
    if (step.done) return false;
    this.pending = this.pending.length === 0 ? step.value : Buffer.concat([this.pending, step.value]);
    return true;
  }
}
