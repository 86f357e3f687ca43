import { normalizeArxivId } from "./arxiv.js";
import { isoDatePart } from "./dates.js";
import { normalizeSpace } from "./text-lines.js";
import type { DumpWarning, PaperDraft } from "./types.js";

const ABS_ID = /arxiv\.org\/abs\/(.+?)$/u;

/** One Atom entry as a paper; null (with a warning naming its line) when it lacks an id, a title or an abstract. */
export function readEntry(body: string, id: string, line: number, warnings: DumpWarning[]): PaperDraft | null {
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
export function field(body: string, tag: string): string | null {
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

export function headerNumber(text: string, name: string): number | null {
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
