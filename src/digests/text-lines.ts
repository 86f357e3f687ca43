import { PaperbotError } from "../errors.js";
import { isPossibleDay, monthNumber, type PageDate } from "./dates.js";

/** A text dump line longer than this is not a page capture (a minified blob, a binary in disguise). */
export const MAX_LINE_LENGTH = 100_000;

/** A metadata line of the page: `• 5 authors`, the `·` separator, or `Sep 4, 2024 2`. */
export type MetaLine =
  | { kind: "authors"; count: number }
  | { kind: "dot" }
  | { kind: "date"; date: PageDate; upvotes: number | null };

/** One line of a text dump, whitespace-normalised and classified on its own, without context. */
export type DumpLine =
  | { kind: "blank" }
  | { kind: "meta"; meta: MetaLine }
  | { kind: "text"; text: string; header: boolean };

const BLANK: DumpLine = { kind: "blank" };

const HEADER_KEYS = new Set([
  "new",
  "gettrendingpapersinyouremailinbox",
  "subscribe",
  "dailypapers",
  "byakandtheresearchcommunity",
]);

const AUTHORS = /^(?:[•·*\-–]\s?)?(\d{1,5}) authors?$/iu;
const DOT = /^[·•⋅∙.]$/u;
/**
 * `Sep 4, 2024 12`: after a comma any four digits are the year (an implausible one is reported when
 * dates are resolved); after a bare space only 19xx/20xx is, anything else is the upvote count.
 */
const DATE = /^([A-Za-z]{3,9}\.?) (\d{1,2})(?:(?:, ?| (?=(?:19|20)\d\d))(\d{4}))?(?: (\d{1,7}|\d{1,4}(?:\.\d)?k))?$/iu;
// Invisible characters that only split words: zero-width space, word joiner, a stray BOM.
const INVISIBLE = /[\u200b\u2060\ufeff]/gu;
// What a plain single space does not need: runs, tabs, Unicode spaces (NBSP, thin…), control characters.
// A clean line matches nothing, so replace() hands it back without copying.
const SPACES = /[\s\p{Cc}]{2,}|[^\S ]|\p{Cc}/gu;

/** Drops zero-width characters, turns every run of Unicode whitespace or controls into one space, trims. */
export function normalizeSpace(text: string): string {
  return text.replace(INVISIBLE, "").replace(SPACES, " ").trim();
}

/**
 * Hands each line of a text dump (LF, CRLF or lone CR ends), normalised and classified, to `visit`,
 * refusing any line longer than MAX_LINE_LENGTH. Line numbers are 1-based, as the file is written.
 * One pass, and nothing kept per line, so a dump of millions of lines stays cheap.
 */
export function scanDumpLines(text: string, name: string, visit: (entry: DumpLine, line: number) => void): void {
  const body = text.includes("\r") ? text.replace(/\r\n?/gu, "\n") : text;
  let start = 0;
  for (let line = 1; start <= body.length; line += 1) {
    const newline = body.indexOf("\n", start);
    const end = newline === -1 ? body.length : newline;
    if (end - start > MAX_LINE_LENGTH) {
      throw new PaperbotError(
        "DUMP_LINE_TOO_LONG",
        `line ${line} is ${end - start} characters long; a text dump's lines stay under ${MAX_LINE_LENGTH}`,
        `${name}:${line}`,
      );
    }
    visit(end === start ? BLANK : classifyLine(normalizeSpace(body.slice(start, end))), line);
    start = end + 1;
  }
}

function classifyLine(text: string): DumpLine {
  if (text === "") return BLANK;
  const meta = parseMetaLine(text);
  if (meta !== null) return { kind: "meta", meta };
  return { kind: "text", text, header: headerKey(text) !== null };
}

/** Page chrome above the paper list (`Subscribe`, `Daily Papers`…), compared without case, spaces or punctuation. */
export function headerKey(text: string): string | null {
  if (text.length < 3 || text.length > 45 || !"ngsdbNGSDB".includes(text.charAt(0))) return null;
  const key = text.toLowerCase().replace(/[^a-z0-9]/gu, "");
  return HEADER_KEYS.has(key) ? key : null;
}

export function parseMetaLine(text: string): MetaLine | null {
  // Every metadata line is short, and all but the lone `·` carry a digit.
  if (text.length > 40 || (text.length > 1 && !/\d/u.test(text))) return null;
  if (DOT.test(text)) return { kind: "dot" };
  const authors = AUTHORS.exec(text);
  if (authors !== null) return { kind: "authors", count: Number(authors[1]) };
  const date = DATE.exec(text);
  if (date === null) return null;
  const [, monthWord = "", dayText = "", yearText, upvoteText] = date;
  const month = monthNumber(monthWord);
  const day = Number(dayText);
  if (month === null || !isPossibleDay(month, day)) return null;
  return {
    kind: "date",
    date: { month, day, year: yearText === undefined ? null : Number(yearText) },
    upvotes: upvoteText === undefined ? null : parseUpvotes(upvoteText),
  };
}

function parseUpvotes(text: string): number {
  const lower = text.toLowerCase();
  return lower.endsWith("k") ? Math.round(Number(lower.slice(0, -1)) * 1000) : Number(lower);
}

/** An organisation line, `openbmb OpenBMB`: a handle, then the display name. */
export interface OrgLine {
  handle: string;
  name: string;
}

const ORG = /^([A-Za-z0-9][A-Za-z0-9._-]{0,95})(?: (\S.{0,119}))?$/u;

/** Whether a line could be an organisation line; callers also check that `·` or a date follows. */
export function parseOrgLine(text: string): OrgLine | null {
  if (text.endsWith(".") || text.split(" ").length > 8) return null;
  const match = ORG.exec(text);
  if (match === null) return null;
  const handle = match[1] ?? "";
  return { handle, name: match[2] ?? handle };
}
