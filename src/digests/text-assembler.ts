import type { PageDate } from "./dates.js";
import { isTitleLike, type Block, type MetaBlock, type Paragraph } from "./text-blocks.js";
import { parseOrgLine, type OrgLine } from "./text-lines.js";
import { describeBytes } from "./limits.js";
import type { DumpWarning } from "./types.js";

/** One paper's blocks as found in a text dump, before dates are resolved. */
export interface TextPaper {
  line: number;
  title: string;
  abstract: string;
  authorCount: number | null;
  organization: OrgLine | null;
  date: { date: PageDate; line: number } | null;
  upvotes: number;
}

interface Draft {
  title: Paragraph;
  /** UTF-8 bytes of the title and abstract so far (Infinity once a paragraph was too large to keep). */
  bytes: number;
  abstract: Paragraph[];
  authorCount: number | null;
  organization: OrgLine | null;
  dot: boolean;
  date: { date: PageDate; line: number } | null;
  upvotes: number;
  hasMeta: boolean;
}

const TERMINAL = /[.!?)\]"'”’]$/u;

/**
 * Turns the blocks of a paper list into papers as they arrive (looking one block ahead): title,
 * abstract, then an optional metadata block. A paper lacking an abstract is dropped with a
 * warning, so a lone title or an organisation line never becomes an abstract, and metadata never
 * lands in a title. A paper whose title and abstract take more than `maxBytes` (UTF-8) is skipped
 * with a warning naming its line; only its last paragraph is kept meanwhile.
 */
export class Assembler {
  readonly warnings: DumpWarning[] = [];
  private current: Draft | null = null;
  /** Set while skipping the metadata of a paper that was dropped, so it warns once, not per line. */
  private skippingMeta = false;
  /** A paragraph waiting for the block after it, which decides what it is. */
  private held: Paragraph | null = null;
  private anyWithMetadata = false;

  constructor(
    private readonly maxBytes: number,
    private readonly emit: (paper: TextPaper) => void,
  ) {}

  block(block: Block): void {
    const held = this.held;
    this.held = null;
    if (held !== null) this.paragraph(held, block);
    if (block.type === "meta") this.meta(block);
    else this.held = block;
  }

  end(): void {
    const held = this.held;
    this.held = null;
    if (held !== null) this.paragraph(held, undefined);
    if (this.current !== null) this.finish(this.current, true);
    this.current = null;
  }

  private meta(block: MetaBlock): void {
    const { current } = this;
    if (current === null) {
      if (!this.skippingMeta) this.warn(block.line, "metadata line outside any paper; ignored");
    } else if (current.abstract.length === 0) {
      this.dropUntitled(current);
    } else {
      this.addMeta(current, block);
    }
  }

  private paragraph(block: Paragraph, next: Block | undefined): void {
    const { current } = this;
    const oneLine = !block.oversized && block.lines.length === 1;
    const organization = oneLine && introducesMeta(next) ? parseOrgLine(block.text) : null;
    if (organization !== null) {
      this.organization(block, organization);
    } else if (current !== null && current.abstract.length === 0) {
      // Title-like text followed by its own abstract is the next paper: this one lost its abstract.
      const nextIsAbstract = next?.type === "paragraph" && !isTitleLike(next.text) && !continuesSentence(next.text);
      if (isTitleLike(block.text) && nextIsAbstract) {
        this.dropUntitled(current);
        this.start(block);
      } else {
        this.addAbstract(current, block);
      }
    } else if (current !== null && !current.hasMeta && this.continuesAbstract(current, block)) {
      this.warn(block.line, "abstract continues after a blank line; joined");
      this.addAbstract(current, block);
    } else {
      this.start(block);
    }
  }

  private organization(block: Paragraph, organization: OrgLine): void {
    const { current } = this;
    if (current !== null && current.abstract.length > 0 && !current.hasMeta) {
      current.organization = organization;
      current.hasMeta = true;
      return;
    }
    if (current !== null && current.abstract.length === 0) {
      this.dropUntitled(current);
      return;
    }
    if (current !== null) this.finish(current, false);
    this.current = null;
    this.skippingMeta = true;
    this.warn(block.line, `organisation line "${clip(block.text)}" outside any paper; ignored`);
  }

  /** Long prose after an abstract, or a lower-case start after an unfinished sentence. */
  private continuesAbstract(current: Draft, block: Paragraph): boolean {
    if (!isTitleLike(block.text)) return true;
    const last = current.abstract.at(-1)?.text ?? "";
    return !TERMINAL.test(last) && continuesSentence(block.text);
  }

  private start(title: Paragraph): void {
    if (this.current !== null) this.finish(this.current, false);
    this.current = newDraft(title);
    this.skippingMeta = false;
  }

  /** Once over the limit, only the last paragraph stays: its last character is all that is asked of it. */
  private addAbstract(draft: Draft, block: Paragraph): void {
    draft.bytes += (draft.abstract.length > 0 ? 1 : 0) + paragraphBytes(block);
    if (draft.bytes > this.maxBytes) draft.abstract = [];
    draft.abstract.push(block);
  }

  private dropUntitled(draft: Draft): void {
    this.warn(draft.title.line, `no abstract for "${clip(draft.title.text)}"; paper dropped`);
    this.current = null;
    this.skippingMeta = true;
  }

  private finish(draft: Draft, atEnd: boolean): void {
    const title = draft.title.text;
    if (draft.abstract.length === 0) {
      const where = atEnd ? "the dump ends after the title of" : "no abstract for";
      this.warn(draft.title.line, `${where} "${clip(title)}"; paper dropped`);
      return;
    }
    if (draft.bytes > this.maxBytes) {
      this.warn(draft.title.line, `"${clip(title)}" takes more than ${describeBytes(this.maxBytes)}, the limit per paper; paper skipped`);
      return;
    }
    const abstract = draft.abstract.map((paragraph) => paragraph.text).join(" ");
    if (draft.hasMeta && draft.date === null) {
      const what = atEnd ? "the dump ends inside the metadata of" : "no date line in the metadata of";
      this.warn(draft.title.line, `${what} "${clip(title)}"`);
    } else if (atEnd && !draft.hasMeta && (!TERMINAL.test(abstract) || this.anyWithMetadata)) {
      this.warn(draft.title.line, `the last paper "${clip(title)}" looks truncated`);
    }
    const { authorCount, organization, date, upvotes } = draft;
    const paper: TextPaper = { line: draft.title.line, title, abstract, authorCount, organization, date, upvotes };
    if (hasMetadata(paper)) this.anyWithMetadata = true;
    this.emit(paper);
  }

  private addMeta(draft: Draft, block: MetaBlock): void {
    const { meta } = block;
    const late = draft.date !== null || (meta.kind === "authors" && draft.dot);
    const repeated = (meta.kind === "authors" && draft.authorCount !== null) || (meta.kind === "dot" && draft.dot);
    if (late || repeated) {
      const label = meta.kind === "dot" ? "`·`" : meta.kind;
      this.warn(block.line, `${label} line out of place in the metadata of "${clip(draft.title.text)}"; ignored`);
      return;
    }
    draft.hasMeta = true;
    if (meta.kind === "authors") draft.authorCount = meta.count;
    else if (meta.kind === "dot") draft.dot = true;
    else {
      draft.date = { date: meta.date, line: block.line };
      draft.upvotes = meta.upvotes ?? 0;
    }
  }

  private warn(line: number, message: string): void {
    this.warnings.push({ line, message });
  }
}

/** Prose that starts in lower case carries on a sentence; abstracts and most titles start capitalised. */
function continuesSentence(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

function newDraft(title: Paragraph): Draft {
  const bytes = paragraphBytes(title);
  return { title, bytes, abstract: [], authorCount: null, organization: null, dot: false, date: null, upvotes: 0, hasMeta: false };
}

function paragraphBytes(paragraph: Paragraph): number {
  return paragraph.oversized ? Number.POSITIVE_INFINITY : Buffer.byteLength(paragraph.text, "utf8");
}

function hasMetadata(paper: TextPaper): boolean {
  return paper.date !== null || paper.authorCount !== null || paper.organization !== null;
}

/** The `·` or a date right after a short line is what marks that line as an organisation. */
function introducesMeta(block: Block | undefined): boolean {
  return block?.type === "meta" && (block.meta.kind === "dot" || block.meta.kind === "date");
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
