import type { PageDate } from "./dates.js";
import { isTitleLike, type Block, type MetaBlock, type Paragraph } from "./text-blocks.js";
import { parseOrgLine, type OrgLine } from "./text-lines.js";
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
 * Turns the blocks of a paper list into papers: title, abstract, then an optional metadata block.
 * A paper lacking an abstract is dropped with a warning, so a lone title or an organisation line
 * never becomes an abstract, and metadata never lands in a title.
 */
export function assemblePapers(blocks: Block[]): { papers: TextPaper[]; warnings: DumpWarning[] } {
  const papers: TextPaper[] = [];
  const warnings: DumpWarning[] = [];
  let current: Draft | null = null;
  let droppedMeta = false;

  const finish = (draft: Draft, atEnd: boolean): void => {
    const title = draft.title.text;
    const [first] = draft.abstract;
    if (first === undefined) {
      const where = atEnd ? "the dump ends after the title of" : "no abstract for";
      warnings.push({ line: draft.title.line, message: `${where} "${clip(title)}"; paper dropped` });
      return;
    }
    const abstract = draft.abstract.map((paragraph) => paragraph.text).join(" ");
    if (draft.hasMeta && draft.date === null) {
      const what = atEnd ? "the dump ends inside the metadata of" : "no date line in the metadata of";
      warnings.push({ line: draft.title.line, message: `${what} "${clip(title)}"` });
    } else if (atEnd && !draft.hasMeta && (!TERMINAL.test(abstract) || papers.some(hasMetadata))) {
      warnings.push({ line: draft.title.line, message: `the last paper "${clip(title)}" looks truncated` });
    }
    papers.push({
      line: draft.title.line,
      title,
      abstract,
      authorCount: draft.authorCount,
      organization: draft.organization,
      date: draft.date,
      upvotes: draft.upvotes,
    });
  };

  const dropForMissingAbstract = (draft: Draft): void => {
    warnings.push({ line: draft.title.line, message: `no abstract for "${clip(draft.title.text)}"; paper dropped` });
  };

  for (let index = 0; index < blocks.length; index += 1) {
    const block = blocks[index];
    if (block === undefined) continue;
    const next = blocks[index + 1];
    if (block.type === "meta") {
      if (current === null) {
        if (!droppedMeta) warnings.push({ line: block.line, message: "metadata line outside any paper; ignored" });
        continue;
      }
      if (current.abstract.length === 0) {
        dropForMissingAbstract(current);
        current = null;
        droppedMeta = true;
        continue;
      }
      addMeta(current, block, warnings);
      continue;
    }
    const { text } = block;
    const organization = block.lines.length === 1 && introducesMeta(next) ? parseOrgLine(text) : null;
    if (organization !== null) {
      if (current !== null && current.abstract.length > 0 && !current.hasMeta) {
        current.organization = organization;
        current.hasMeta = true;
        continue;
      }
      if (current !== null && current.abstract.length === 0) {
        dropForMissingAbstract(current);
      } else {
        if (current !== null) finish(current, false);
        warnings.push({ line: block.line, message: `organisation line "${clip(text)}" outside any paper; ignored` });
      }
      current = null;
      droppedMeta = true;
      continue;
    }
    if (current !== null && current.abstract.length === 0) {
      if (isTitleLike(text) && next?.type === "paragraph" && !isTitleLike(next.text) && !continuesSentence(next.text)) {
        dropForMissingAbstract(current);
        current = newDraft(block);
      } else {
        current.abstract.push(block);
      }
      continue;
    }
    const unfinished = current?.abstract.at(-1)?.text.match(TERMINAL) === null;
    if (current !== null && !current.hasMeta && (!isTitleLike(text) || (unfinished && continuesSentence(text)))) {
      warnings.push({ line: block.line, message: "abstract continues after a blank line; joined" });
      current.abstract.push(block);
      continue;
    }
    if (current !== null) finish(current, false);
    current = newDraft(block);
    droppedMeta = false;
  }
  if (current !== null) finish(current, true);
  return { papers, warnings };
}

/** Prose that starts in lower case carries on a sentence; abstracts and most titles start capitalised. */
function continuesSentence(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

function newDraft(title: Paragraph): Draft {
  return { title, abstract: [], authorCount: null, organization: null, dot: false, date: null, upvotes: 0, hasMeta: false };
}

function hasMetadata(paper: TextPaper): boolean {
  return paper.date !== null || paper.authorCount !== null || paper.organization !== null;
}

/** The `·` or a date right after a short line is what marks that line as an organisation. */
function introducesMeta(block: Block | undefined): boolean {
  return block?.type === "meta" && (block.meta.kind === "dot" || block.meta.kind === "date");
}

function addMeta(draft: Draft, block: MetaBlock, warnings: DumpWarning[]): void {
  const { meta } = block;
  const late = draft.date !== null || (meta.kind === "authors" && draft.dot);
  const repeated = (meta.kind === "authors" && draft.authorCount !== null) || (meta.kind === "dot" && draft.dot);
  if (late || repeated) {
    warnings.push({ line: block.line, message: "unexpected metadata line; ignored" });
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

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
