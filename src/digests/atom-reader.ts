import { PaperbotError } from "../errors.js";
import { field, headerNumber, readEntry } from "./atom-entry.js";
import { AtomSplitter, type AtomEntry } from "./atom-splitter.js";
import { MAX_DUMP_BYTES, describeBytes } from "./limits.js";
import type { DumpStreamEnd, DumpWarning, FormatReader, PaperDraft, ParsedDump } from "./types.js";

/** An arXiv export API response: the paging header and the papers of this page. */
export interface AtomFeed {
  /** `opensearch:totalResults`: how many entries the query matches across all pages. */
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  dump: ParsedDump;
}

/** `<feed` and an HTML page's opening, once the character after them is known (`\b` at the end waits). */
const FEED = /<feed(?!\w)(?=[\s\S])/u;
const HTML = /<(?:!doctype\s+html|html)(?!\w)(?=[\s\S])/iu;
const FEED_AT_END = /<feed\b/u;
const HTML_AT_END = /<(?:!doctype\s+html|html)\b/iu;

/**
 * Reads an arXiv export API Atom feed as it arrives. An HTML page, a feed cut short before
 * `</feed>` and arXiv's own error feed (an entry whose id is under `/api/errors`) are refused with
 * one clear error, so a bad response never reaches the history; an entry without an id, title or
 * abstract is skipped with a warning, as is one larger than the limit per paper. Whether the text
 * is a feed, and whether it ends with `</feed>`, is known at the end only, and said then.
 */
export class AtomReader implements FormatReader {
  readonly failure = null;
  private readonly splitter: AtomSplitter;
  private readonly warnings: DumpWarning[] = [];
  private readonly published = new Map<string, number>();
  private papers = 0;
  private sourceError: PaperbotError | null = null;
  private sawFeed = false;
  private sawHtml = false;
  /** The last characters looked at for `<feed` (runs of spaces made one). */
  private probe = "";
  /** The last characters of the text, and of the text without its trailing whitespace. */
  private last = "";
  private lastContent = "";
  private out: PaperDraft[] = [];

  constructor(
    private readonly name: string,
    private readonly maxBytes: number,
    private readonly requirePapers: boolean,
  ) {
    this.splitter = new AtomSplitter(maxBytes, (entry) => this.entry(entry));
  }

  push(text: string, out: PaperDraft[]): void {
    this.out = out;
    this.look(text);
    const trimmed = text.trimEnd();
    if (trimmed !== "") this.lastContent = (this.last + trimmed).slice(-16);
    this.last = (this.last + text).slice(-16);
    this.splitter.push(text);
  }

  end(out: PaperDraft[]): Omit<DumpStreamEnd, "papers"> {
    this.out = out;
    if (!this.sawFeed && FEED_AT_END.test(this.probe)) this.sawFeed = true;
    if (!this.sawFeed) {
      const html = this.sawHtml || HTML_AT_END.test(this.probe);
      const message = html ? "an HTML page, not an Atom feed (the source answered with an error page)" : "markup, but not an Atom feed";
      throw new PaperbotError("DUMP_UNKNOWN_FORMAT", message, this.name);
    }
    if (!this.lastContent.endsWith("</feed>")) {
      const where = `${this.name}:${this.splitter.lastLine()}`;
      throw new PaperbotError("DUMP_TRUNCATED", "the Atom feed is truncated: it ends before </feed>", where);
    }
    if (this.sourceError !== null) throw this.sourceError;
    if (this.requirePapers && this.papers === 0) {
      throw new PaperbotError("DUMP_NO_PAPERS", `no usable paper in the Atom feed (${this.warnings.length} entries skipped)`, this.name);
    }
    return { format: "arxiv-atom", dumpDate: mostCommon(this.published), warnings: this.warnings };
  }

  private look(text: string): void {
    if (this.sawFeed) return;
    const window = this.probe + text;
    if (FEED.test(window)) {
      this.sawFeed = true;
      this.probe = "";
      return;
    }
    if (!this.sawHtml && HTML.test(window)) this.sawHtml = true;
    this.probe = window.replace(/\s+/gu, " ").slice(-24);
  }

  private entry({ body, line }: AtomEntry): void {
    if (this.sourceError !== null) return;
    if (body === null) {
      this.warnings.push({ line, message: `entry at line ${line} takes more than ${describeBytes(this.maxBytes)}, the limit per paper; skipped` });
      return;
    }
    const id = field(body, "id") ?? "";
    if (id.includes("/api/errors")) {
      const reason = field(body, "summary") ?? field(body, "title") ?? "unknown error";
      this.sourceError = new PaperbotError("DUMP_SOURCE_ERROR", `arXiv answered with an error: ${reason}`, `${this.name}:${line}`);
      return;
    }
    const draft = readEntry(body, id, line, this.warnings);
    if (draft === null) return;
    this.out.push(draft);
    this.papers += 1;
    if (draft.publishedOn !== null) this.published.set(draft.publishedOn, (this.published.get(draft.publishedOn) ?? 0) + 1);
  }
}

/**
 * Reads a whole arXiv export API answer, held in memory: its papers (none is fine: an empty page
 * is a valid feed) and the paging header.
 */
export function readAtomFeed(text: string, name: string): AtomFeed {
  const reader = new AtomReader(name, MAX_DUMP_BYTES, false);
  const papers: PaperDraft[] = [];
  reader.push(text, papers);
  const { format, dumpDate, warnings } = reader.end(papers);
  return {
    totalResults: headerNumber(text, "totalResults") ?? papers.length,
    startIndex: headerNumber(text, "startIndex") ?? 0,
    itemsPerPage: headerNumber(text, "itemsPerPage") ?? papers.length,
    dump: { format, dumpDate, papers, warnings },
  };
}

/** The most frequent value; ties go to the latest (values are ISO dates). */
function mostCommon(counts: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && value > best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
