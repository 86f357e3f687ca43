import { PaperbotError } from "../errors.js";
import { normalizeArxivId } from "./arxiv.js";
import { isoDatePart } from "./dates.js";
import { normalizeSpace } from "./text-lines.js";
import type { DumpWarning, PaperDraft, ParsedDump } from "./types.js";

/** Whether a decoded dump is markup (an Atom feed, or an HTML page that must be refused). */
export function looksLikeMarkup(text: string): boolean {
  return /\S/u.exec(text)?.[0] === "<";
}

/** An arXiv export API response: the paging header and the papers of this page. */
export interface AtomFeed {
  /** `opensearch:totalResults`: how many entries the query matches across all pages. */
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  dump: ParsedDump;
}

const ENTRY = /<entry\b[^>]*>([\s\S]*?)<\/entry>/gu;
const ABS_ID = /arxiv\.org\/abs\/(.+?)$/u;

/**
 * Reads an arXiv export API Atom feed. An HTML page, a feed cut short before `</feed>` and arXiv's
 * own error feed (an entry whose id is under `/api/errors`) are refused with one clear error, so a
 * bad response never reaches the history; an entry without an id, title or abstract is skipped
 * with a warning. An empty page is a valid feed with no papers.
 */
export function readAtomFeed(text: string, name: string): AtomFeed {
  if (!/<feed\b/u.test(text)) {
    const html = /<(!doctype\s+html|html)\b/iu.test(text);
    throw new PaperbotError(
      "DUMP_UNKNOWN_FORMAT",
      html ? "an HTML page, not an Atom feed (the source answered with an error page)" : "markup, but not an Atom feed",
      name,
    );
  }
  if (!/<\/feed>\s*$/u.test(text)) {
    throw new PaperbotError("DUMP_TRUNCATED", "the Atom feed is truncated: it ends before </feed>", `${name}:${lineAt(text, text.length)}`);
  }
  const warnings: DumpWarning[] = [];
  const papers: PaperDraft[] = [];
  const published: string[] = [];
  const lines = lineCounter(text);
  for (const match of text.matchAll(ENTRY)) {
    const body = match[1] ?? "";
    const line = lines(match.index);
    const id = field(body, "id") ?? "";
    if (id.includes("/api/errors")) {
      const reason = field(body, "summary") ?? field(body, "title") ?? "unknown error";
      throw new PaperbotError("DUMP_SOURCE_ERROR", `arXiv answered with an error: ${reason}`, `${name}:${line}`);
    }
    const draft = readEntry(body, id, line, warnings);
    if (draft === null) continue;
    papers.push(draft);
    if (draft.publishedOn !== null) published.push(draft.publishedOn);
  }
  return {
    totalResults: headerNumber(text, "totalResults") ?? papers.length,
    startIndex: headerNumber(text, "startIndex") ?? 0,
    itemsPerPage: headerNumber(text, "itemsPerPage") ?? papers.length,
    dump: { format: "arxiv-atom", dumpDate: mostCommon(published), papers, warnings },
  };
}

/** The Atom feed as a dump: like readAtomFeed, but a feed with no usable paper is refused. */
export function readAtomDump(text: string, name: string): ParsedDump {
  const { dump } = readAtomFeed(text, name);
  if (dump.papers.length === 0) {
    throw new PaperbotError("DUMP_NO_PAPERS", `no usable paper in the Atom feed (${dump.warnings.length} entries skipped)`, name);
  }
  return dump;
}

function readEntry(body: string, id: string, line: number, warnings: DumpWarning[]): PaperDraft | null {
  const versioned = ABS_ID.exec(id.trim())?.[1] ?? "";
  const arxivId = normalizeArxivId(versioned);
  const title = normalizeSpace(field(body, "title") ?? "");
  const abstract = normalizeSpace(field(body, "summary") ?? "");
  if (arxivId === null || title === "" || abstract === "") {
    const missing = arxivId === null ? `an arXiv id (id "${id.slice(0, 60)}")` : title === "" ? "a title" : "an abstract";
    warnings.push({ line, message: `entry at line ${line} lacks ${missing}; skipped` });
    return null;
  }
  const authors = [...body.matchAll(/<author\b[^>]*>[\s\S]*?<name>([\s\S]*?)<\/name>[\s\S]*?<\/author>/gu)]
    .map((m) => normalizeSpace(decodeXml(m[1] ?? "")))
    .filter((a) => a !== "");
  const primary = attribute(body, "arxiv:primary_category", "term");
  const categories = [...body.matchAll(/<category\b([^>]*)>/gu)]
    .map((m) => /\bterm="([^"]*)"/u.exec(m[1] ?? "")?.[1] ?? "")
    .map((c) => decodeXml(c).trim())
    .filter((c) => c !== "");
  const ordered = primary === null ? categories : [primary, ...categories.filter((c) => c !== primary)];
  const publishedAt = field(body, "published");
  const comment = field(body, "arxiv:comment");
  return {
    title,
    abstract,
    authorCount: authors.length,
    authors,
    organization: null,
    organizationHandle: null,
    publishedOn: publishedAt === null ? null : isoDatePart(publishedAt),
    upvotes: 0,
    arxivId,
    aiSummary: null,
    aiKeywords: [],
    githubRepo: null,
    projectPage: null,
    arxiv: {
      version: Number(/v(\d+)$/u.exec(versioned)?.[1] ?? "1"),
      primaryCategory: primary,
      categories: [...new Set(ordered)],
      comment: comment === null ? null : normalizeSpace(comment) || null,
      publishedAt,
      updatedAt: field(body, "updated"),
    },
    line,
  };
}

/** The text of the first `<tag>` in `body`, entities decoded and CDATA unwrapped; null when absent. */
function field(body: string, tag: string): string | null {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, "u").exec(body);
  if (match === null) return null;
  return decodeXml(match[1] ?? "").trim();
}

function attribute(body: string, tag: string, name: string): string | null {
  const element = new RegExp(`<${tag}\\b([^>]*)>`, "u").exec(body)?.[1];
  if (element === undefined) return null;
  const value = new RegExp(`\\b${name}="([^"]*)"`, "u").exec(element)?.[1];
  return value === undefined ? null : decodeXml(value).trim() || null;
}

function headerNumber(text: string, name: string): number | null {
  const value = new RegExp(`<opensearch:${name}\\b[^>]*>\\s*(\\d+)\\s*<`, "u").exec(text)?.[1];
  return value === undefined ? null : Number(value);
}

const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/gu, "$1")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, ref: string) => {
      if (ref.startsWith("#x") || ref.startsWith("#X")) return safeCodePoint(parseInt(ref.slice(2), 16), whole);
      if (ref.startsWith("#")) return safeCodePoint(Number(ref.slice(1)), whole);
      return NAMED[ref] ?? whole;
    });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** Line numbers of increasing offsets, counted on from the last one asked (one pass over the text). */
function lineCounter(text: string): (offset: number) => number {
  let line = 1;
  let at = 0;
  return (offset) => {
    for (let i = text.indexOf("\n", at); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
      line += 1;
      at = i + 1;
    }
    return line;
  };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line += 1;
  return line;
}

function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts) {
    const bestCount = best === null ? 0 : (counts.get(best) ?? 0);
    if (count > bestCount || (count === bestCount && best !== null && value > best)) best = value;
  }
  return best;
}
