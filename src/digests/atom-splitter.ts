import { exceedsBytes } from "./limits.js";

/** One `<entry …>…</entry>` of a feed: its inner text (null when over the limit) and the line it starts on. */
export interface AtomEntry {
  body: string | null;
  line: number;
}

const OPEN = "<entry";
const CLOSE = "</entry>";

/** ASCII word characters, as `\b` sees them. */
function isWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

/**
 * Cuts `<entry\b[^>]*>…</entry>` out of a feed as the text arrives, exactly where the pattern over
 * the whole text would: an entry ends at the first `</entry>` after its opening tag, and one never
 * closed is no entry. Holds the entry being read (up to `maxBytes`; a larger one is passed on
 * without its text) or, between entries, a few characters.
 */
export class AtomSplitter {
  private buffer = "";
  /** The line of the buffer's first character (lines end at LF, as the feed's line numbers count). */
  private line = 1;
  private state: "seek" | "open" | "body" = "seek";
  private from = 0;
  private bodyStart = 0;
  private entryLine = 0;
  private over = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onEntry: (entry: AtomEntry) => void,
  ) {}

  push(text: string): void {
    this.buffer += text;
    for (;;) {
      if (this.state === "seek" && !this.seek()) return;
      if (this.state === "open" && !this.open()) return;
      if (this.state === "body" && !this.body()) return;
    }
  }

  /** The line after the last character read: where a feed cut short ends. */
  lastLine(): number {
    return this.line + countNewlines(this.buffer, this.buffer.length);
  }

  private seek(): boolean {
    for (;;) {
      const at = this.buffer.indexOf(OPEN, this.from);
      if (at === -1) {
        this.drop(Math.max(0, this.buffer.length - (OPEN.length - 1)));
        return false;
      }
      if (at + OPEN.length >= this.buffer.length) {
        this.drop(at);
        return false;
      }
      if (isWordChar(this.buffer.charCodeAt(at + OPEN.length))) {
        this.from = at + 1;
        continue;
      }
      this.drop(at);
      this.entryLine = this.line;
      this.state = "open";
      this.from = OPEN.length;
      return true;
    }
  }

  private open(): boolean {
    const at = this.buffer.indexOf(">", this.from);
    if (at === -1) {
      this.from = this.buffer.length;
      this.checkSize(0);
      return false;
    }
    this.state = "body";
    this.bodyStart = at + 1;
    this.from = at + 1;
    return true;
  }

  private body(): boolean {
    const at = this.buffer.indexOf(CLOSE, this.from);
    if (at === -1) {
      this.from = Math.max(this.bodyStart, this.buffer.length - (CLOSE.length - 1));
      this.checkSize(CLOSE.length - 1);
      return false;
    }
    const end = at + CLOSE.length;
    const whole = this.over ? null : this.buffer.slice(0, end);
    const body = whole === null || exceedsBytes(whole, this.maxBytes) ? null : this.buffer.slice(this.bodyStart, at);
    this.onEntry({ body, line: this.entryLine });
    this.drop(end);
    this.state = "seek";
    this.over = false;
    return true;
  }

  /** Once the entry read so far is over the limit, only its last `keep` characters stay, to find its end. */
  private checkSize(keep: number): void {
    if (!this.over) {
      if (this.buffer.length <= this.maxBytes) return;
      this.over = true;
    }
    const cut = Math.max(0, this.buffer.length - keep);
    this.drop(cut);
    this.bodyStart = 0;
    this.from = 0;
  }

  /** Forgets the first `count` characters, counting their lines. */
  private drop(count: number): void {
    if (count <= 0) return;
    this.line += countNewlines(this.buffer, count);
    this.buffer = this.buffer.slice(count);
    this.from = Math.max(0, this.from - count);
    this.bodyStart = Math.max(0, this.bodyStart - count);
  }
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1 && at < end; at = text.indexOf("\n", at + 1)) count += 1;
  return count;
}
