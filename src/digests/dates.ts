/**
 * Calendar dates as the Daily Papers page prints them (`Dec 12`, `Sep 4, 2024`), and the rule that
 * gives a year-less date its year: the most recent such date not after an anchor. All in UTC.
 */

/** A month and day as printed, with the year when the page gave one. */
export interface PageDate {
  month: number;
  day: number;
  year: number | null;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] as const;
const FULL_MONTHS = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
] as const;

/** `Sep`, `Sept`, `Sep.` and `September` name September; anything else names no month. */
export function monthNumber(word: string): number | null {
  const lower = word.toLowerCase().replace(/\.$/u, "");
  const short = MONTHS.indexOf(lower as (typeof MONTHS)[number]);
  if (short !== -1) return short + 1;
  if (lower === "sept") return 9;
  const full = FULL_MONTHS.indexOf(lower as (typeof FULL_MONTHS)[number]);
  return full === -1 ? null : full + 1;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return lengths[month - 1] ?? 0;
}

/** Whether the month and day exist in some year (Feb 29 does). */
export function isPossibleDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(2000, month);
}

export function isoDate(year: number, month: number, day: number): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The UTC calendar date of an instant, as ISO `YYYY-MM-DD`. */
export function utcIsoDate(instant: Date): string {
  return isoDate(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate());
}

/**
 * Resolves a page date to ISO. With a year, the date must exist. Without one, the most recent
 * such date not after `anchor` (an ISO date); Feb 29 goes back to the latest leap year.
 */
export function resolvePageDate(date: PageDate, anchor: string): string | null {
  if (date.year !== null) {
    if (date.day > daysInMonth(date.year, date.month)) return null;
    return isoDate(date.year, date.month, date.day);
  }
  const anchorYear = Number(anchor.slice(0, 4));
  // Eight years back always reaches a leap year, even across a skipped century leap day.
  for (let year = anchorYear; year > anchorYear - 9; year -= 1) {
    if (date.day > daysInMonth(year, date.month)) continue;
    const candidate = isoDate(year, date.month, date.day);
    if (candidate <= anchor) return candidate;
  }
  return null;
}

/** The ISO date `days` after (or before, when negative) an ISO date. */
export function addDays(iso: string, days: number): string {
  return utcIsoDate(new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000));
}

/** How far a year-less date may lie after its anchor: a page captured east of UTC is a day or two ahead. */
export const AHEAD_DAYS = 2;

/** A year-less date given its year, and whether that year was decided across a new year. */
export interface InferredDate {
  iso: string;
  /**
   * The date lies in the slack after the anchor and in the next year: read a year earlier it would
   * also have been plausible, so the reader says which it chose.
   */
  acrossYear: boolean;
}

/**
 * Gives a page date its year: with one printed, the date as printed; without, the most recent such
 * date not more than `aheadDays` after `anchor`. The rule depends only on the month, the day and
 * the window, so the same `Nov 29` resolves alike in every dump whose anchor is within the week.
 */
export function inferDate(date: PageDate, anchor: string, aheadDays: number): InferredDate | null {
  if (date.year !== null) {
    const iso = resolvePageDate(date, anchor);
    return iso === null ? null : { iso, acrossYear: false };
  }
  const iso = resolvePageDate(date, addDays(anchor, aheadDays));
  if (iso === null) return null;
  return { iso, acrossYear: iso > anchor && iso.slice(0, 4) !== anchor.slice(0, 4) };
}

/** The `YYYY-MM-DD` at the start of an ISO timestamp, when that date exists. */
export function isoDatePart(timestamp: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/u.exec(timestamp.trim());
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return isoDate(year, month, day);
}
