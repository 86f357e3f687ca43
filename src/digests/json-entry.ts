import { normalizeArxivId } from "./arxiv.js";
import { isoDatePart } from "./dates.js";
import { dailyEntrySchema, describeIssue, paperSchema, type OrganizationJson, type PaperJson } from "./json-schema.js";
import { normalizeSpace } from "./text-lines.js";
import type { DumpWarning, PaperDraft } from "./types.js";
import { isPlausibleIsoDate } from "./years.js";

/** Where an entry is read: its line (index + 1), the dump's warnings and the capture time. */
export interface EntryContext {
  line: number;
  warnings: DumpWarning[];
  referenceTime: Date;
}

export function readDailyEntry(entry: unknown, at: EntryContext, featuredOn: string[]): PaperDraft | null {
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

export function readPaperEntry(entry: unknown, at: EntryContext): PaperDraft | null {
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
