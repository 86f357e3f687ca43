import type { PageDate } from "./dates.js";
import { headerKey, parseOrgLine, type DumpLine, type MetaLine } from "./text-lines.js";
import type { DumpWarning } from "./types.js";

/** A run of text lines between blank or metadata lines: a title, an abstract, an organisation. */
export interface Paragraph {
  type: "paragraph";
  line: number;
  /** Every line; for an oversized paragraph only its last lines. */
  lines: string[];
  /** The lines rejoined (hard-wrapped text made whole): with single spaces, none after a word's hyphen. */
  text: string;
  /**
   * More text than a paper may take, so not kept: `text` is then a sketch of its first and last
   * characters (over 300 long, so never title-like), enough for every decision the readers make.
   */
  oversized: boolean;
}

/** A metadata line standing on its own. */
export interface MetaBlock {
  type: "meta";
  line: number;
  meta: MetaLine;
}

export type Block = Paragraph | MetaBlock;

/** Where a layout sends what it finds: the end of the page header, then each block of the list. */
export interface LayoutSink {
  headerEnd(): void;
  block(block: Block): void;
}

/**
 * Separates the page header (chrome lines and the page date) from the paper list, and groups the
 * list into paragraphs and metadata lines, line by line as they arrive. A metadata line always
 * ends a paragraph, so it can never end up inside a title or an abstract.
 */
export class Layout {
  headerLines = 0;
  /** The page's own date (`Dec 12`) with the line it is on; null when the dump does not say. */
  dumpDate: { date: PageDate; line: number } | null = null;
  metaLines = 0;
  readonly warnings: DumpWarning[] = [];
  private inHeader = true;
  private paragraph: ParagraphBuilder | null = null;

  constructor(
    private readonly maxChars: number,
    private readonly sink: LayoutSink,
  ) {}

  line(current: DumpLine, line: number): void {
    if (this.inHeader) {
      this.inHeader = this.readHeaderLine(current, line);
      if (this.inHeader) return;
      this.sink.headerEnd();
    }
    if (current.kind === "blank") {
      this.close();
    } else if (current.kind === "meta") {
      if (current.meta.kind === "dot" && this.paragraph !== null) this.splitTrailingOrganization(this.paragraph, line);
      this.close();
      this.metaLines += 1;
      this.sink.block({ type: "meta", line, meta: current.meta });
    } else if (this.paragraph === null) {
      this.paragraph = new ParagraphBuilder(line, current.text, this.maxChars);
    } else {
      this.paragraph.add(current.text);
    }
  }

  /** Closes the last paragraph; true when the dump ended inside the page header. */
  end(): boolean {
    this.close();
    return this.inHeader;
  }

  private close(): void {
    if (this.paragraph === null) return;
    const paragraph = this.paragraph.build();
    this.paragraph = null;
    if (!paragraph.oversized && paragraph.lines.length === 1 && isStandaloneHeader(paragraph.text)) {
      this.warnings.push({ line: paragraph.line, message: `page header line "${paragraph.text}" inside the paper list; ignored` });
    } else {
      this.sink.block(paragraph);
    }
  }

  /** Takes a header line into the layout; false once the line is the first of the paper list. */
  private readHeaderLine(current: DumpLine, line: number): boolean {
    if (current.kind === "blank") return true;
    if (current.kind === "text" && current.header) {
      this.headerLines += 1;
      return true;
    }
    if (this.dumpDate === null && current.kind === "meta" && current.meta.kind === "date" && current.meta.upvotes === null) {
      this.dumpDate = { date: current.meta.date, line };
      return true;
    }
    return false;
  }

  /**
   * An organisation line glued to the abstract above it (`…democratization.` / `Gensyn Gensyn` / `·`)
   * becomes its own paragraph. Only after a finished sentence, so a wrapped abstract's last words stay.
   */
  private splitTrailingOrganization(paragraph: ParagraphBuilder, dotLine: number): void {
    const [before, last] = paragraph.lastTwo();
    if (last === undefined || before === undefined || !/[.!?)]$/u.test(before) || parseOrgLine(last) === null) return;
    this.sink.block(paragraph.buildWithoutLast());
    this.paragraph = new ParagraphBuilder(dotLine - 1, last, this.maxChars);
  }
}

const SKETCH = 160;

/**
 * The lines of one paragraph as they arrive. Once the text before its last line is over the limit
 * (so any paper holding it is too), only a sketch is kept: the first and last characters and the
 * last two lines.
 */
class ParagraphBuilder {
  private lines: string[];
  private chars: number;
  private head = "";
  /** When oversized: the end of the text before the last line. */
  private tailBefore = "";
  private oversized = false;

  constructor(
    private readonly line: number,
    first: string,
    private readonly maxChars: number,
  ) {
    this.lines = [first];
    this.chars = first.length;
  }

  add(text: string): void {
    const previous = this.lines[this.lines.length - 1] ?? "";
    const separator = wrapSeparator(previous, text);
    if (!this.oversized && this.chars > this.maxChars) {
      const joined = joinWrapped(this.lines);
      this.head = joined.slice(0, SKETCH);
      this.tailBefore = joined.slice(-SKETCH);
      this.lines = [previous];
      this.oversized = true;
    } else if (this.oversized) {
      const [before = "", last = ""] = this.lines;
      this.tailBefore = (this.tailBefore + wrapSeparator(before, last) + last).slice(-SKETCH);
      this.lines = [last];
    }
    this.lines.push(text);
    this.chars += separator.length + text.length;
  }

  lastTwo(): [string | undefined, string | undefined] {
    return [this.lines[this.lines.length - 2], this.lines[this.lines.length - 1]];
  }

  build(): Paragraph {
    if (!this.oversized) return { type: "paragraph", line: this.line, lines: this.lines, text: joinWrapped(this.lines), oversized: false };
    const [before = "", last = ""] = this.lines;
    const tail = (this.tailBefore + wrapSeparator(before, last) + last).slice(-SKETCH);
    return { type: "paragraph", line: this.line, lines: this.lines, text: `${this.head}\u2026${tail}`, oversized: true };
  }

  /** The paragraph less its last line, which the caller takes as a paragraph of its own. */
  buildWithoutLast(): Paragraph {
    const lines = this.lines.slice(0, -1);
    if (!this.oversized) return { type: "paragraph", line: this.line, lines, text: joinWrapped(lines), oversized: false };
    return { type: "paragraph", line: this.line, lines, text: `${this.head}\u2026${this.tailBefore}`, oversized: true };
  }
}

/** A line broken after the hyphen of a compound (`Function-as-` / `a-Service`, `weight-` / `activation`). */
const HYPHEN_END = /[\p{L}\p{N}][-\u2010]$/u;
const WORD_START = /^[\p{L}\p{N}]/u;
/** A suspended hyphen (`cross- and self-attention`, `pre- or post-training`) keeps its space. */
const SUSPENDED = /^(?:and|or|nor|to|versus|vs\.?)\s/iu;

/**
 * Rejoins hard-wrapped lines with single spaces, except after a line that ends in the hyphen of a
 * word and before one that carries on with a word: that break is inside a hyphenated compound,
 * and the hyphen stays. A dash standing alone (` - `, `--`) is not such a hyphen, and a suspended
 * one (`weight-` / `and activation-aware`) keeps its space.
 */
export function joinWrapped(lines: readonly string[]): string {
  let text = lines[0] ?? "";
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i] ?? "";
    text += wrapSeparator(lines[i - 1] ?? "", line) + line;
  }
  return text;
}

/** What goes between two wrapped lines: nothing inside a hyphenated compound, else one space. */
function wrapSeparator(previous: string, line: string): string {
  const compound = HYPHEN_END.test(previous.slice(-2)) && WORD_START.test(line) && !SUSPENDED.test(line);
  return compound ? "" : " ";
}

/** Header chrome repeated mid-list (a second page pasted in). A lone `new` could be a title, so it stays. */
function isStandaloneHeader(text: string): boolean {
  const key = headerKey(text);
  return key !== null && key !== "new";
}

/** Titles are one short line without a final period; abstracts are long prose. */
export function isTitleLike(text: string): boolean {
  return text.length <= 300 && !text.endsWith(".");
}
