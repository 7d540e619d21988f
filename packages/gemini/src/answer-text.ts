/**
 * The answer as Gemini CLI itself builds it: every assistant message content concatenated.
 * Streamed chunks (`delta: true`) extend the current message; anything else between
 * messages (a tool call) starts a new one, so progress shows the message being written.
 */
export class AnswerText {
  private readonly messages: string[] = [];
  private open = false;

  /** Adds a message chunk and returns the text of the message it belongs to. */
  add(content: string, delta: boolean): string {
    const last = this.messages.length - 1;
    if (delta && this.open && last >= 0) this.messages[last] += content;
    else this.messages.push(content);
    this.open = true;
    return this.messages.at(-1) ?? "";
  }

  /** The current message is complete (another event came between). */
  close(): void {
    this.open = false;
  }

  get text(): string | null {
    return this.messages.length === 0 ? null : this.messages.join("");
  }
}
