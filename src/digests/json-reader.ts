import { PaperbotError } from "../errors.js";
import { normalizeArxivId } from "./arxiv.js";
import { isoDatePart } from "./dates.js";
import { dailyEntrySchema, describeIssue, paperSchema, type OrganizationJson, type PaperJson } from "./json-schema.js";
import { normalizeSpace } from "./text-lines.js";
import type { DumpFormat, DumpSource, DumpWarning, PaperDraft, ParsedDump } from "./types.js";
import { isPlausibleIsoDate } from "./years.js";

/** Whether a decoded dump is JSON: its first non-space character opens an array or an object. */
export function looksLikeJson(text: string): boolean {
  const first = /\S/u.exec(text)?.[0];
  return first === "[" || first === "{";
}

/**
 * Reads Hugging Face JSON: a `/api/daily_papers` array ("hf-daily-json"), or one `/api/papers/{id}`
 * object or an array of them ("hf-paper-json"). Entries that are not usable papers are skipped with
 * a warning whose line is the entry's index + 1.
 */
export function readJsonDump(text: string, source: DumpSource): ParsedDump {
  const value = parseJson(text, source.name);
  const entries: unknown[] = Array.isArray(value) ? value : [value];
  if (entries.length === 0) throw new PaperbotError("DUMP_NO_PAPERS", "the JSON array is empty", source.name);
  const format = detectJsonFormat(entries, source.name);
  const warnings: DumpWarning[] = [];
  const papers: PaperDraft[] = [];
  const featuredOn: string[] = [];
  entries.forEach((entry, index) => {
    const line = index + 1;
    const at = { line, warnings, referenceTime: source.referenceTime };
    const paper = format === "hf-daily-json" ? readDailyEntry(entry, at, featuredOn) : readPaperEntry(entry, at);
    if (paper !== null) papers.push(paper);
  });
  if (papers.length === 0) {
    throw new PaperbotError("DUMP_NO_PAPERS", `no usable paper in the JSON (${skipReasons(warnings)})`, source.name);
  }
  const dumpDate = format === "hf-daily-json" ? mostCommon(featuredOn) : null;
  return { format, dumpDate, papers, warnings };
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const line = syntaxErrorLine(text, reason);
    throw new PaperbotError("DUMP_INVALID_JSON", `invalid JSON: ${reason}`, line === null ? name : `${name}:${line}`, {
      cause: error,
    });
  }
}

/** V8 names the error's `position N` (Node 20) or `line L column C` (newer). */
function syntaxErrorLine(text: string, reason: string): number | null {
  const explicit = /\(line (\d+) column \d+\)/u.exec(reason);
  if (explicit !== null) return Number(explicit[1]);
  if (/Unexpected end of JSON input/u.test(reason)) return lineAt(text, text.length);
  const position = /at position (\d+)/u.exec(reason);
  return position === null ? null : lineAt(text, Number(position[1]));
}

function lineAt(text: string, position: number): number {
  let line = 1;
  const end = Math.min(position, text.length);
  for (let index = text.indexOf("\n"); index !== -1 && index < end; index = text.indexOf("\n", index + 1)) {
    line += 1;
  }
  return line;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function detectJsonFormat(entries: unknown[], name: string): DumpFormat {
  const records = entries.filter(isRecord);
  if (records.some((entry) => isRecord(entry["paper"]))) return "hf-daily-json";
  if (records.some((entry) => "title" in entry || "summary" in entry)) return "hf-paper-json";
  throw new PaperbotError(
    "DUMP_UNKNOWN_FORMAT",
    "JSON, but neither a Hugging Face daily_papers array nor paper objects (no `paper`, `title` or `summary`)",
    name,
  );
}

/** Where an entry is read: its line (index + 1), the dump's warnings and the capture time. */
interface EntryContext {
  line: number;
  warnings: DumpWarning[];
  referenceTime: Date;
}

/** How many entries were skipped and why (the first few reasons), for a dump with no usable paper. */
function skipReasons(warnings: readonly DumpWarning[]): string {
  const skipped = warnings.filter((w) => w.message.endsWith("skipped"));
  const shown = skipped.slice(0, 3).map((w) => w.message.replace(/; skipped$/u, ""));
  const more = skipped.length > shown.length ? `; and ${skipped.length - shown.length} more` : "";
  return `${skipped.length} ${skipped.length === 1 ? "entry" : "entries"} skipped: ${shown.join("; ")}${more}`;
}

function readDailyEntry(entry: unknown, at: EntryContext, featuredOn: string[]): PaperDraft | null {
  const { line, warnings } = at;
  const parsed = dailyEntrySchema.safeParse(entry);
  if (!parsed.success) {
    warnings.push({ line, message: `entry ${line} is not a daily paper (${describeIssue(parsed.error)}); skipped` });
    return null;
  }
  const daily = parsed.data;
  const featured = readDate(daily.publishedAt, "featured date", at);
  if (featured !== null) featuredOn.push(featured);
  const paper: PaperJson = {
    ...daily.paper,
    title: daily.paper.title ?? daily.title,
    organization: daily.paper.organization ?? daily.organization,
  };
  return toDraft(paper, at);
}

function readPaperEntry(entry: unknown, at: EntryContext): PaperDraft | null {
  const { line, warnings } = at;
  const parsed = paperSchema.safeParse(entry);
  if (!parsed.success) {
    warnings.push({ line, message: `entry ${line} is not a paper (${describeIssue(parsed.error)}); skipped` });
    return null;
  }
  return toDraft(parsed.data, at);
}

function toDraft(paper: PaperJson, at: EntryContext): PaperDraft | null {
  const { line, warnings } = at;
  const title = normalizeSpace(paper.title ?? "");
  const abstract = normalizeSpace(paper.summary ?? "");
  if (title === "" || abstract === "") {
    const missing = title === "" ? "title" : "summary";
    warnings.push({ line, message: `entry ${line} has no ${missing}; skipped` });
    return null;
  }
  const authors = paper.authors?.map((author) => normalizeSpace(author.name ?? "")).filter((name) => name !== "");
  const organization = readOrganization(paper.organization);
  return {
    title,
    abstract,
    authorCount: paper.authors === undefined || paper.authors === null ? null : paper.authors.length,
    authors: authors ?? [],
    organization: organization.name,
    organizationHandle: organization.handle,
    publishedOn: readDate(paper.publishedAt, "publishedAt", at),
    upvotes: readUpvotes(paper.upvotes, at),
    arxivId: readArxivId(paper.id, line, warnings),
    aiSummary: optionalText(paper.ai_summary),
    aiKeywords: (paper.ai_keywords ?? []).map(normalizeSpace).filter((keyword) => keyword !== ""),
    githubRepo: optionalText(paper.githubRepo),
    projectPage: optionalText(paper.projectPage),
    line,
  };
}

function readOrganization(value: OrganizationJson | null | undefined): { name: string | null; handle: string | null } {
  if (value === undefined || value === null) return { name: null, handle: null };
  if (typeof value === "string") return { name: optionalText(value), handle: null };
  const handle = optionalText(value.name);
  return { name: optionalText(value.fullname) ?? handle, handle };
}

function readDate(value: string | null | undefined, field: string, at: EntryContext): string | null {
  const { line, warnings } = at;
  if (value === undefined || value === null) return null;
  const date = isoDatePart(value);
  if (date === null) {
    warnings.push({ line, message: `entry ${line} has an unreadable ${field} "${value.slice(0, 40)}"` });
  } else if (!isPlausibleIsoDate(date, at.referenceTime)) {
    warnings.push({ line, message: `entry ${line} has a ${field} with an implausible year, ${date}; ignored` });
    return null;
  }
  return date;
}

/**
 * The upvote count when it is a count (a whole number from 0 to 2^53 − 1); anything else (1e308,
 * 2^53 + 1, 1e999 read as Infinity, a negative, a fraction, a string) is ignored with a warning and
 * the paper kept with 0.
 */
function readUpvotes(value: unknown, at: EntryContext): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  const shown = typeof value === "number" ? String(value) : JSON.stringify(value).slice(0, 40);
  at.warnings.push({ line: at.line, message: `entry ${at.line} has an unusable upvotes value ${shown}; counted as 0` });
  return 0;
}

function readArxivId(value: string | null | undefined, line: number, warnings: DumpWarning[]): string | null {
  if (value === undefined || value === null) return null;
  const id = normalizeArxivId(value);
  if (id === null) warnings.push({ line, message: `entry ${line} has an id that is not an arXiv id: "${value.slice(0, 40)}"` });
  return id;
}

function optionalText(value: string | null | undefined): string | null {
  const text = normalizeSpace(value ?? "");
  return text === "" ? null : text;
}

/** The most frequent value; ties go to the latest (values are ISO dates). */
function mostCommon(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
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
