/** Splits a byte stream into lines; the unterminated tail is flushed at the end. */
export class LineSplitter {
  private pending = "";

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const parts = (this.pending + chunk).split("\n");
    this.pending = parts.pop() ?? "";
    for (const part of parts) this.onLine(part.endsWith("\r") ? part.slice(0, -1) : part);
  }

  end(): void {
    if (this.pending !== "") this.onLine(this.pending);
    this.pending = "";
  }
}
