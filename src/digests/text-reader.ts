import { PaperbotError } from "../errors.js";
import { AHEAD_DAYS, inferDate, isoDate, utcIsoDate, type PageDate } from "./dates.js";
import { Assembler, type TextPaper } from "./text-assembler.js";
import { Layout } from "./text-blocks.js";
import { LineSplitter } from "./text-lines.js";
import type { DumpSource, DumpStreamEnd, DumpWarning, FormatReader, PaperDraft } from "./types.js";
import { distrustPageYear, distrustPaperYear } from "./years.js";

/**
 * Reads a text capture of the Daily Papers page ("hf-daily-text") as it arrives. Year-less dates
 * take the most recent year that keeps them on or before their anchor: the page date anchors on
 * the source's reference time plus {@link AHEAD_DAYS} (the page prints its own zone's date, which
 * east of UTC is ahead of the file time), paper dates on the page date (the same page, the same
 * zone). The page date sits in the header, above every paper, so each paper is dated and handed
 * on as soon as the next one starts. A year decided across a new year is reported once per
 * printed date in the warnings, which are sorted by line at the end.
 */
export class TextReader implements FormatReader {
  private readonly lines: LineSplitter;
  private readonly layout: Layout;
  private readonly assembler: Assembler;
  /** Warnings by the stage that found them, in the order a whole-file reading finds them. */
  private readonly implausible: DumpWarning[] = [];
  private readonly pageWarnings: DumpWarning[] = [];
  private readonly dateWarnings: DumpWarning[] = [];
  private resolve: YearResolver | null = null;
  private dumpDate: string | null = null;
  private papers = 0;
  private out: PaperDraft[] = [];

  constructor(
    private readonly source: DumpSource,
    maxPaperBytes: number,
  ) {
    this.assembler = new Assembler(maxPaperBytes, (paper) => this.paper(paper));
    this.layout = new Layout(maxPaperBytes, { headerEnd: () => this.readPageDate(), block: (block) => this.assembler.block(block) });
    this.lines = new LineSplitter(source.name, (entry, line) => this.layout.line(entry, line));
  }

  get failure(): PaperbotError | null {
    return this.lines.failure;
  }

  push(text: string, out: PaperDraft[]): void {
    this.out = out;
    this.lines.push(text);
  }

  end(out: PaperDraft[]): Omit<DumpStreamEnd, "papers"> {
    this.out = out;
    this.lines.end();
    if (this.lines.failure !== null) throw this.lines.failure;
    if (this.layout.end()) this.readPageDate();
    this.assembler.end();
    const { layout, source } = this;
    if (layout.headerLines === 0 && layout.dumpDate === null && layout.metaLines === 0) {
      throw new PaperbotError(
        "DUMP_UNKNOWN_FORMAT",
        "not a Daily Papers capture or Hugging Face JSON: no page header, page date or paper metadata found",
        source.name,
      );
    }
    if (this.papers === 0) {
      throw new PaperbotError("DUMP_NO_PAPERS", "the Daily Papers capture lists no papers", source.name);
    }
    const warnings = [...layout.warnings, ...this.assembler.warnings, ...this.implausible, ...this.pageWarnings, ...this.dateWarnings];
    warnings.sort((a, b) => a.line - b.line);
    return { format: "hf-daily-text", dumpDate: this.dumpDate, warnings };
  }

  /** The header is over: the page date (if any) is known, and with it every paper's year. */
  private readPageDate(): void {
    const today = utcIsoDate(this.source.referenceTime);
    const page = this.layout.dumpDate === null ? null : distrustPageYear(this.layout.dumpDate, this.source.referenceTime, this.implausible);
    if (page !== null) {
      this.layout.dumpDate = page;
      const { date, line } = page;
      const inferred = inferDate(date, today, AHEAD_DAYS);
      this.dumpDate = inferred?.iso ?? null;
      if (inferred === null) this.pageWarnings.push({ line, message: "the page date does not exist" });
      else if (inferred.acrossYear) {
        this.pageWarnings.push({ line, message: `the page date "${printed(date)}" has no year: read as ${inferred.iso}, across the new year from the file time ${today}` });
      }
    }
    this.resolve = yearResolver(this.dumpDate, today, this.dateWarnings);
  }

  private paper(paper: TextPaper): void {
    distrustPaperYear(paper, this.source.referenceTime, this.implausible);
    const resolve = this.resolve ?? yearResolver(null, utcIsoDate(this.source.referenceTime), this.dateWarnings);
    this.out.push(toDraft(paper, resolve, this.dateWarnings));
    this.papers += 1;
  }
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
