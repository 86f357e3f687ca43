import { PaperbotError } from "../errors.js";
import { AHEAD_DAYS, inferDate, isoDate, utcIsoDate, type PageDate } from "./dates.js";
import { assemblePapers, type TextPaper } from "./text-assembler.js";
import { layoutDump } from "./text-blocks.js";
import type { DumpSource, DumpWarning, PaperDraft, ParsedDump } from "./types.js";
import { distrustImplausibleYears } from "./years.js";

/**
 * Reads a text capture of the Daily Papers page ("hf-daily-text"). Year-less dates take the most
 * recent year that keeps them on or before their anchor: the page date anchors on the source's
 * reference time plus {@link AHEAD_DAYS} (the page prints its own zone's date, which east of UTC
 * is ahead of the file time), paper dates on the page date (the same page, the same zone). A year
 * decided across a new year is reported once per printed date in the warnings.
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
    const { date, line } = layout.dumpDate;
    const inferred = inferDate(date, today, AHEAD_DAYS);
    dumpDate = inferred?.iso ?? null;
    if (inferred === null) allWarnings.push({ line, message: "the page date does not exist" });
    else if (inferred.acrossYear) {
      allWarnings.push({ line, message: `the page date "${printed(date)}" has no year: read as ${inferred.iso}, across the new year from the file time ${today}` });
    }
  }
  const resolve = yearResolver(dumpDate, today, allWarnings);
  const drafts = papers.map((paper) => toDraft(paper, resolve, allWarnings));
  allWarnings.sort((a, b) => a.line - b.line);
  return { format: "hf-daily-text", dumpDate, papers: drafts, warnings: allWarnings };
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

function printed(date: PageDate): string {
  return `${MONTH_NAMES[date.month - 1] ?? "?"} ${date.day}`;
}

type YearResolver = (date: PageDate, line: number) => string | null;

/**
 * Paper dates: anchored on the page date (no slack: the page prints both in one zone), else on the
 * reference time with the same slack as the page date. One warning per printed date whose year was
 * decided across a new year.
 */
function yearResolver(dumpDate: string | null, today: string, warnings: DumpWarning[]): YearResolver {
  const anchor = dumpDate ?? today;
  const ahead = dumpDate === null ? AHEAD_DAYS : 0;
  const warned = new Set<string>();
  return (date, line) => {
    const inferred = inferDate(date, anchor, ahead);
    if (inferred === null) return null;
    const key = isoDate(0, date.month, date.day);
    if (inferred.acrossYear && !warned.has(key)) {
      warned.add(key);
      const from = dumpDate === null ? `the file time ${today}` : `the page date ${dumpDate}`;
      warnings.push({ line, message: `"${printed(date)}" has no year: read as ${inferred.iso}, across the new year from ${from}` });
    }
    return inferred.iso;
  };
}

function toDraft(paper: TextPaper, resolve: YearResolver, warnings: DumpWarning[]): PaperDraft {
  let publishedOn: string | null = null;
  if (paper.date !== null) {
    publishedOn = resolve(paper.date.date, paper.date.line);
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
