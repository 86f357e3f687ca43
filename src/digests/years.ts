/**
 * Printed years no real page carries (`2099`, `2999`, `0000`): a typo or a forgery. Such a year
 * neither dates a paper nor anchors the year of the page's year-less dates; each is reported.
 */
import { isoDate, type PageDate } from "./dates.js";
import type { TextPaper } from "./text-assembler.js";
import type { DumpWarning } from "./types.js";

/** arXiv opened in 1991; nothing the Daily Papers page lists is older. */
export const FIRST_PLAUSIBLE_YEAR = 1991;
/** A page may date a paper a little ahead of the file time (time zones, scheduled releases), not more. */
const YEARS_AHEAD = 1;

/** Whether a printed year could be real, seen from the time the dump was captured. */
export function isPlausibleYear(year: number, referenceTime: Date): boolean {
  return year >= FIRST_PLAUSIBLE_YEAR && year <= referenceTime.getUTCFullYear() + YEARS_AHEAD;
}

/** Whether an ISO date's year could be real, seen from the time the dump was captured. */
export function isPlausibleIsoDate(iso: string, referenceTime: Date): boolean {
  return isPlausibleYear(Number(iso.slice(0, 4)), referenceTime);
}

function printed(date: PageDate): string {
  return isoDate(date.year ?? 0, date.month, date.day);
}

/**
 * The page date with an implausible printed year keeps its month and day and takes its year from
 * the file time instead (reported); any other page date is returned as it is.
 */
export function distrustPageYear(
  page: { date: PageDate; line: number },
  referenceTime: Date,
  warnings: DumpWarning[],
): { date: PageDate; line: number } {
  if (page.date.year === null || isPlausibleYear(page.date.year, referenceTime)) return page;
  warnings.push({
    line: page.line,
    message: `the page date ${printed(page.date)} has an implausible year; its year is inferred from the file time instead`,
  });
  return { ...page, date: { ...page.date, year: null } };
}

/** A paper's date with an implausible printed year is ignored (reported) before dates are resolved. */
export function distrustPaperYear(paper: TextPaper, referenceTime: Date, warnings: DumpWarning[]): void {
  const date = paper.date;
  if (date === null || date.date.year === null || isPlausibleYear(date.date.year, referenceTime)) return;
  warnings.push({ line: date.line, message: `the paper's date ${printed(date.date)} has an implausible year; ignored` });
  paper.date = null;
}
