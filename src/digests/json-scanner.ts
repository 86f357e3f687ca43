import { exceedsBytes } from "./limits.js";

/** One element of the top-level array (or the top-level object itself), cut out of the text. */
export interface JsonElement {
  /** The element's text, or null when it was larger than the limit and not kept. */
  text: string | null;
  /** 1-based line of the file where the element starts. */
  line: number;
  /** Offset of its first character in the whole text, as JSON.parse counts positions. */
  start: number;
}

/** A syntax error found between elements or at the end: a message in JSON.parse's words, and its line. */
export interface JsonSyntaxError {
  message: string;
  line: number;
}

const enum State {
  Before,
  First,
  Next,
  After,
  Done,
  Element,
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const QUOTE_OR_ESCAPE = /["\\]/gu;

/**
 * Splits a JSON text into the elements of its top-level array as the text arrives, tracking only
 * depth, strings and escapes; each element is then parsed alone. An element is held while it is
 * read, up to `maxBytes`; a larger one is passed on without its text. What lies between elements
 * (commas, the brackets, trailing text) is checked here.
 */
export class JsonScanner {
  failure: JsonSyntaxError | null = null;
  private state = State.Before;
  /** Offset in the whole text of the current piece's first character, and the line there. */
  private offset = 0;
  private line = 1;
  private topObject = false;
  private parts: string[] = [];
  private chars = 0;
  private over = false;
  private start = 0;
  private startLine = 1;
  private closers: number[] = [];
  private inString = false;
  private escaped = false;
  private scalar = false;
  private scalarChecked = false;

  constructor(
    private readonly maxBytes: number,
    private readonly onElement: (element: JsonElement) => void,
  ) {}

  push(text: string): void {
    let at = 0;
    let lineFrom = 0;
    const lineAt = (index: number): number => {
      for (let nl = text.indexOf("\n", lineFrom); nl !== -1 && nl < index; nl = text.indexOf("\n", nl + 1)) this.line += 1;
      lineFrom = Math.max(lineFrom, index);
      return this.line;
    };
    while (at < text.length && this.failure === null) {
      if (this.state === State.Element) {
        const end = this.scanElement(text, at);
        this.keep(text.slice(at, end === -1 ? text.length : end));
        if (end === -1) break;
        at = end;
        this.finishElement();
        continue;
      }
      const code = text.charCodeAt(at);
      if (WHITESPACE.has(code)) {
        at += 1;
        continue;
      }
      const position = this.offset + at;
      const char = String.fromCharCode(code);
      if (this.state === State.Before && (char === "[" || char === "{")) {
        if (char === "[") {
          this.state = State.First;
          at += 1;
        } else {
          this.topObject = true;
          this.begin(position, lineAt(at));
        }
      } else if ((this.state === State.First || this.state === State.After) && char === "]") {
        this.state = State.Done;
        at += 1;
      } else if (this.state === State.After && char === ",") {
        this.state = State.Next;
        at += 1;
      } else if ((this.state === State.First || this.state === State.Next) && char !== "]" && char !== ",") {
        this.begin(position, lineAt(at));
      } else {
        const message =
          this.state === State.After
            ? `Expected ',' or ']' after array element in JSON at position ${position}`
            : this.state === State.Done
              ? `Unexpected non-whitespace character after JSON at position ${position}`
              : `Unexpected token '${char}' in JSON at position ${position}`;
        this.failure = { message, line: lineAt(at) };
      }
    }
    lineAt(text.length);
    this.offset += text.length;
  }

  /** Whether the text ended where a JSON text may end; otherwise the failure says where it stopped. */
  end(): JsonElement | null {
    if (this.failure !== null || this.state === State.Done) return null;
    const unfinished = this.state === State.Element && !this.over ? this.parts.join("") : null;
    this.failure = { message: "Unexpected end of JSON input", line: this.line };
    return unfinished === null ? null : { text: unfinished, line: this.startLine, start: this.start };
  }

  private begin(position: number, line: number): void {
    this.state = State.Element;
    this.start = position;
    this.startLine = line;
    this.parts = [];
    this.chars = 0;
    this.over = false;
    this.closers = [];
    this.inString = false;
    this.escaped = false;
    this.scalar = false;
    this.scalarChecked = false;
  }

  /** Where the element ends in `text` (the index after it), or -1 when it goes on past it. */
  private scanElement(text: string, from: number): number {
    let at = from;
    if (!this.scalarChecked) {
      const first = text.charCodeAt(at);
      this.scalar = first !== 0x5b && first !== 0x7b && first !== 0x22;
      this.scalarChecked = true;
    }
    while (at < text.length) {
      if (this.escaped) {
        this.escaped = false;
        at += 1;
        continue;
      }
      if (this.inString) {
        QUOTE_OR_ESCAPE.lastIndex = at;
        const found = QUOTE_OR_ESCAPE.exec(text);
        if (found === null) return -1;
        at = found.index + 1;
        if (found[0] === "\\") this.escaped = true;
        else {
          this.inString = false;
          if (this.closers.length === 0 && !this.scalar) return at;
        }
        continue;
      }
      const code = text.charCodeAt(at);
      if (this.scalar) {
        if (WHITESPACE.has(code) || code === 0x2c || code === 0x5d || code === 0x7d || code === 0x5b || code === 0x7b || code === 0x22) {
          return at;
        }
      } else if (code === 0x22) {
        this.inString = true;
      } else if (code === 0x5b || code === 0x7b) {
        this.closers.push(code + 2);
      } else if (code === 0x5d || code === 0x7d) {
        // A closer that does not match is left to JSON.parse, which names the problem and its position.
        if (this.closers.pop() !== code || this.closers.length === 0) return at + 1;
      }
      at += 1;
    }
    return -1;
  }

  private keep(piece: string): void {
    this.chars += piece.length;
    if (this.over) return;
    if (this.chars > this.maxBytes) {
      this.over = true;
      this.parts = [];
    } else {
      this.parts.push(piece);
    }
  }

  private finishElement(): void {
    let text: string | null = this.over ? null : this.parts.join("");
    if (text !== null && exceedsBytes(text, this.maxBytes)) text = null;
    this.parts = [];
    this.state = this.topObject ? State.Done : State.After;
    this.onElement({ text, line: this.startLine, start: this.start });
  }
}
