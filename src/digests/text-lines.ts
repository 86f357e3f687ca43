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
 * as the text arrives in pieces. A line longer than MAX_LINE_LENGTH stops the reading: it becomes
 * the `failure`, with its full length, and is never held whole. Line numbers are 1-based, as the
 * file is written. Nothing but the line being read is kept, so a dump of millions of lines stays cheap.
 */
export class LineSplitter {
  failure: PaperbotError | null = null;
  private parts: string[] = [];
  private length = 0;
  private line = 1;
  private afterCr = false;

  constructor(
    private readonly name: string,
    private readonly visit: (entry: DumpLine, line: number) => void,
  ) {}

  push(text: string): void {
    let body = this.afterCr && text.startsWith("\n") ? text.slice(1) : text;
    this.afterCr = false;
    if (body.includes("\r")) {
      this.afterCr = body.endsWith("\r");
      body = body.replace(/\r\n?/gu, "\n");
    }
    let start = 0;
    for (let newline = body.indexOf("\n"); newline !== -1 && this.failure === null; newline = body.indexOf("\n", start)) {
      this.complete(body.slice(start, newline));
      start = newline + 1;
    }
    if (this.failure === null && start < body.length) this.hold(body.slice(start));
  }

  /** The last line, even when empty (a dump that ends with a line break ends with a blank line). */
  end(): void {
    if (this.failure === null) this.complete("");
  }

  private hold(piece: string): void {
    this.length += piece.length;
    if (this.length > MAX_LINE_LENGTH) this.parts = [];
    else this.parts.push(piece);
  }

  private complete(piece: string): void {
    const length = this.length + piece.length;
    if (length > MAX_LINE_LENGTH) {
      this.failure = new PaperbotError(
        "DUMP_LINE_TOO_LONG",
        `line ${this.line} is ${length} characters long; a text dump's lines stay under ${MAX_LINE_LENGTH}`,
        `${this.name}:${this.line}`,
      );
      return;
    }
    const text = this.parts.length === 0 ? piece : this.parts.join("") + piece;
    this.parts = [];
    this.length = 0;
    this.visit(text === "" ? BLANK : classifyLine(normalizeSpace(text)), this.line);
    this.line += 1;
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
