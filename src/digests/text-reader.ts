import { PaperbotError } from "../errors.js";
import { resolvePageDate, utcIsoDate } from "./dates.js";
import { assemblePapers, type TextPaper } from "./text-assembler.js";
import { layoutDump } from "./text-blocks.js";
import type { DumpSource, DumpWarning, PaperDraft, ParsedDump } from "./types.js";
import { distrustImplausibleYears } from "./years.js";

/**
 * Reads a text capture of the Daily Papers page ("hf-daily-text"). Year-less dates take the most
 * recent year that keeps them on or before their anchor: the page date anchors on the source's
 * reference time, paper dates on the page date.
 */
export function readTextDump(text: string, source: DumpSource): ParsedDump {
  const layout = layoutDump(text, source.name);
  const { papers, warnings } = assemblePapers(layout.blocks);
  const allWarnings: DumpWarning[] = [...layout.warnings, ...warnings];
  distrustImplausibleYears(layout, papers, source.referenceTime, allWarnings);

  const metaLines = layout.blocks.filter((block) => block.type === "meta").length;
  if (layout.headerLines === 0 && layout.dumpDate === null && metaLines === 0) {
    throw new PaperbotError(
      "DUMP_UNKNOWN_FORMAT",
      "not a Daily Papers capture or Hugging Face JSON: no page header, page date or paper metadata found",
      source.name,
    );
  }
  if (papers.length === 0) {
    throw new PaperbotError("DUMP_NO_PAPERS", "the Daily Papers capture lists no papers", source.name);
  }

  const today = utcIsoDate(source.referenceTime);
  let dumpDate: string | null = null;
  if (layout.dumpDate !== null) {
    dumpDate = resolvePageDate(layout.dumpDate.date, today);
    if (dumpDate === null) allWarnings.push({ line: layout.dumpDate.line, message: "the page date does not exist" });
  }
  const anchor = dumpDate ?? today;
  const drafts = papers.map((paper) => toDraft(paper, anchor, allWarnings));
  allWarnings.sort((a, b) => a.line - b.line);
  return { format: "hf-daily-text", dumpDate, papers: drafts, warnings: allWarnings };
}

function toDraft(paper: TextPaper, anchor: string, warnings: DumpWarning[]): PaperDraft {
  let publishedOn: string | null = null;
  if (paper.date !== null) {
    publishedOn = resolvePageDate(paper.date.date, anchor);
    if (publishedOn === null) warnings.push({ line: paper.date.line, message: "the paper's date does not exist; ignored" });
  }
  return {
    title: paper.title,
    abstract: paper.abstract,
    authorCount: paper.authorCount,
    authors: [],
    organization: paper.organization?.name ?? null,
    organizationHandle: paper.organization?.handle ?? null,
    publishedOn,
    upvotes: paper.upvotes,
    arxivId: null,
    aiSummary: null,
    aiKeywords: [],
    githubRepo: null,
    projectPage: null,
    line: paper.line,
  };
}
