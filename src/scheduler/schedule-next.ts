/**
 * The next firing instant of a cron spec whose fields refer to the wall clock of an IANA time zone.
 *
 * Rules at offset changes (daylight saving):
 * - a matching wall time that does not exist (spring-forward gap) fires at the first valid instant
 *   after the gap, i.e. the moment of the change (02:30 on a 02:00→03:00 day fires at 03:00); several
 *   matching times in one gap fire once;
 * - a matching wall time that occurs twice (fall-back) fires once, at its first occurrence.
 *
 * The search walks wall days with plain calendar arithmetic (skipping non-matching months and days)
 * and asks `Intl` for offsets only on matching days; within a day it jumps straight to the next
 * matching second. It assumes a zone changes its offset at most once in any 52 hours.
 */

import {
  cronDayMatches,
  cronNeverFires,
  cronSecondOfDay,
  nextMonthDay,
  type CronSpec,
} from "./schedule-cron.js";
import { DAY_MS, HOUR_MS, SECOND_MS, findTransition, offsetAt, wallAt } from "./timezone.js";

/** Far enough for any satisfiable spec (the Gregorian calendar repeats every 400 years). */
const SEARCH_DAYS = 400 * 366;

function floorTo(value: number, unit: number): number {
  return Math.floor(value / unit) * unit;
}

/**
 * The first instant after `after` among the wall times in `[low, high)` of the day starting at
 * `dayStart`, when the zone's offset there is `offset`; null if none matches.
 */
function firstInSegment(
  spec: CronSpec,
  dayStart: number,
  low: number,
  high: number,
  offset: number,
  after: number,
): number | null {
  const from = Math.max(low, floorTo(after + offset, SECOND_MS) + SECOND_MS);
  if (from >= high) return null;
  const second = cronSecondOfDay(spec, Math.ceil((from - dayStart) / SECOND_MS));
  if (second === null) return null;
  const wall = dayStart + second * SECOND_MS;
  return wall < high ? wall - offset : null;
}

/** True when some wall time in `[low, high)` of the day starting at `dayStart` matches. */
function matchesWithin(spec: CronSpec, dayStart: number, low: number, high: number): boolean {
  if (low >= high) return false;
  const second = cronSecondOfDay(spec, Math.ceil((low - dayStart) / SECOND_MS));
  return second !== null && dayStart + second * SECOND_MS < high;
}

/** The first firing instant after `after` on the (matching) wall day starting at `dayStart`, or null. */
function firstOnDay(spec: CronSpec, timeZone: string, dayStart: number, after: number): number | null {
  const dayEnd = dayStart + DAY_MS;
  // Every instant whose wall time falls on this day lies in this window (offsets span −12h…+14h).
  const windowStart = dayStart - 15 * HOUR_MS;
  const windowEnd = dayEnd + 13 * HOUR_MS;
  const change = findTransition(timeZone, windowStart, windowEnd);
  const before = offsetAt(timeZone, windowStart);
  if (change === null) return firstInSegment(spec, dayStart, dayStart, dayEnd, before, after);
  const afterwards = offsetAt(timeZone, change);
  // Wall time at which the old offset stops, and at which the new one starts.
  const oldEnd = change + before;
  const newStart = change + afterwards;
  const early = firstInSegment(spec, dayStart, dayStart, Math.min(oldEnd, dayEnd), before, after);
  if (early !== null) return early;
  const gapLow = Math.max(oldEnd, dayStart);
  const gapHigh = Math.min(newStart, dayEnd);
  if (change > after && matchesWithin(spec, dayStart, gapLow, gapHigh)) return change;
  // After a fall-back the wall times in [newStart, oldEnd) repeat: they fired already, skip them.
  return firstInSegment(spec, dayStart, Math.max(oldEnd, newStart, dayStart), dayEnd, afterwards, after);
}

/**
 * The first instant strictly after `after` at which `spec` fires in `timeZone`, or null when the
 * spec never fires (`0 0 31 2 *`). `timeZone` must be valid (see `validTimeZone`).
 */
export function nextCronInstant(spec: CronSpec, timeZone: string, after: Date): Date | null {
  const afterMs = after.getTime();
  if (!Number.isFinite(afterMs)) throw new RangeError("nextSlot needs a valid Date for `after`");
  if (cronNeverFires(spec)) return null;
  // No wall day before the one `after` falls on can hold a later firing (first occurrences only).
  let dayStart = floorTo(wallAt(timeZone, afterMs), DAY_MS);
  const lastDay = dayStart + SEARCH_DAYS * DAY_MS;
  while (dayStart <= lastDay) {
    const monthDay = nextMonthDay(spec, dayStart);
    if (monthDay !== dayStart) {
      dayStart = monthDay;
      continue;
    }
    if (cronDayMatches(spec, dayStart)) {
      const found = firstOnDay(spec, timeZone, dayStart, afterMs);
      if (found !== null) return new Date(found);
    }
    dayStart += DAY_MS;
  }
  return null;
}
