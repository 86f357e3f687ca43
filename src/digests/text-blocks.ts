import type { PageDate } from "./dates.js";
import { headerKey, parseOrgLine, scanDumpLines, type DumpLine, type MetaLine } from "./text-lines.js";
import type { DumpWarning } from "./types.js";

/** A run of text lines between blank or metadata lines: a title, an abstract, an organisation. */
export interface Paragraph {
  type: "paragraph";
  line: number;
  lines: string[];
  /** The lines rejoined (hard-wrapped text made whole): with single spaces, none after a word's hyphen. */
  text: string;
}

/** A metadata line standing on its own. */
export interface MetaBlock {
  type: "meta";
  line: number;
  meta: MetaLine;
}

export type Block = Paragraph | MetaBlock;

/** What sits above the paper list, and the blocks of the paper list itself. */
export interface DumpLayout {
  headerLines: number;
  /** The page's own date (`Dec 12`) with the line it is on; null when the dump does not say. */
  dumpDate: { date: PageDate; line: number } | null;
  blocks: Block[];
  warnings: DumpWarning[];
}

/**
 * Separates the page header (chrome lines and the page date) from the paper list, and groups the
 * list into paragraphs and metadata lines. A metadata line always ends a paragraph, so it can never
 * end up inside a title or an abstract.
 */
export function layoutDump(text: string, name: string): DumpLayout {
  const layout: DumpLayout = { headerLines: 0, dumpDate: null, blocks: [], warnings: [] };
  let inHeader = true;
  let paragraph: Paragraph | null = null;
  const close = (): void => {
    if (paragraph === null) return;
    paragraph.text = joinWrapped(paragraph.lines);
    if (paragraph.lines.length === 1 && isStandaloneHeader(paragraph.text)) {
      layout.warnings.push({ line: paragraph.line, message: `page header line "${paragraph.text}" inside the paper list; ignored` });
    } else {
      layout.blocks.push(paragraph);
    }
    paragraph = null;
  };
  scanDumpLines(text, name, (current, line) => {
    if (inHeader) inHeader = readHeaderLine(current, line, layout);
    if (inHeader) return;
    if (current.kind === "blank") {
      close();
    } else if (current.kind === "meta") {
      if (current.meta.kind === "dot" && paragraph !== null) splitTrailingOrganization(paragraph, layout.blocks);
      close();
      layout.blocks.push({ type: "meta", line, meta: current.meta });
    } else if (paragraph === null) {
      paragraph = { type: "paragraph", line, lines: [current.text], text: "" };
    } else {
      paragraph.lines.push(current.text);
    }
  });
  close();
  return layout;
}

/** Takes a header line into the layout; false once the line is the first of the paper list. */
function readHeaderLine(current: DumpLine, line: number, layout: DumpLayout): boolean {
  if (current.kind === "blank") return true;
  if (current.kind === "text" && current.header) {
    layout.headerLines += 1;
    return true;
  }
  const { dumpDate } = layout;
  if (dumpDate === null && current.kind === "meta" && current.meta.kind === "date" && current.meta.upvotes === null) {
    layout.dumpDate = { date: current.meta.date, line };
    return true;
  }
  return false;
}

/**
 * An organisation line glued to the abstract above it (`…democratization.` / `Gensyn Gensyn` / `·`)
 * becomes its own paragraph. Only after a finished sentence, so a wrapped abstract's last words stay.
 */
function splitTrailingOrganization(paragraph: Paragraph, blocks: Block[]): void {
  const last = paragraph.lines.at(-1);
  const before = paragraph.lines.at(-2);
  if (last === undefined || before === undefined || !/[.!?)]$/u.test(before) || parseOrgLine(last) === null) return;
  paragraph.lines.pop();
  blocks.push({ ...paragraph, text: joinWrapped(paragraph.lines) });
  paragraph.line += paragraph.lines.length;
  paragraph.lines = [last];
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
    const compound = HYPHEN_END.test((lines[i - 1] ?? "").slice(-2)) && WORD_START.test(line) && !SUSPENDED.test(line);
    text += compound ? line : ` ${line}`;
  }
  return text;
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
