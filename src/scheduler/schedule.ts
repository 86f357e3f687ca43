/**
 * Digest schedules: parsing what a user types (`daily 9:00`, `weekly fri 5pm`, `0 9 * * mon-fri`),
 * printing it back in canonical form, and computing the next slot in a time zone. Pure functions:
 * no timers, no clock; callers pass the instant to start from.
 */

import { CRON_SHAPE, cronNeverFires, parseCron, wallClockSpec, weekdayNumber } from "./schedule-cron.js";
import { nextCronInstant } from "./schedule-next.js";
import { assertTimeZone } from "./timezone.js";

export { looksLikeTimeZone, unknownTimeZone, validTimeZone } from "./timezone.js";

/** 0 = Sunday … 6 = Saturday, as `Date#getDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** When a channel's digest goes out; hours and minutes are wall-clock times in the channel's zone. */
export type Schedule =
  | { kind: "instant" }
  | { kind: "daily"; hour: number; minute: number }
  | { kind: "weekly"; weekday: Weekday; hour: number; minute: number }
  | { kind: "cron"; expression: string };

/** A schedule that always has a next slot (only a cron expression can never fire). */
export type TimedSchedule = Exclude<Schedule, { kind: "cron" }>;

export type ParseScheduleResult = { ok: true; schedule: Schedule } | { ok: false; error: string };

const ACCEPTED = "use instant, daily HH:MM, weekly <day> HH:MM or a cron expression";
const TIME_HELP = "use HH:MM, 00:00–23:59";
const DAY_HELP = "use mon, tue, wed, thu, fri, sat, sun or the full name";
const DEFAULT_TIME = { hour: 9, minute: 0 } as const;
const WEEKDAY_ABBREVIATIONS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

function fail(error: string): ParseScheduleResult {
  return { ok: false, error };
}

/** `09:00`, `9:00`, `9am`, `12pm`, `5:30pm` (any case, spaces already removed) → hour and minute. */
function parseTime(text: string): { hour: number; minute: number } | null {
  const lower = text.toLowerCase();
  const clock = /^(\d{1,2}):(\d{2})$/u.exec(lower);
  if (clock !== null) {
    const hour = Number(clock[1]);
    const minute = Number(clock[2]);
    return hour <= 23 && minute <= 59 ? { hour, minute } : null;
  }
  const twelve = /^(\d{1,2})(?::(\d{2}))?(am|pm)$/u.exec(lower);
  if (twelve === null) return null;
  const hour = Number(twelve[1]);
  const minute = Number(twelve[2] ?? "0");
  if (hour < 1 || hour > 12 || minute > 59) return null;
  return { hour: (hour % 12) + (twelve[3] === "pm" ? 12 : 0), minute };
}

function timeOrError(words: readonly string[]): { hour: number; minute: number } | string {
  if (words.length === 0) return DEFAULT_TIME;
  return parseTime(words.join("")) ?? `"${words.join(" ")}" is not a time: ${TIME_HELP}`;
}

function parseDaily(words: readonly string[]): ParseScheduleResult {
  const time = timeOrError(words);
  return typeof time === "string" ? fail(time) : { ok: true, schedule: { kind: "daily", ...time } };
}

function parseWeekly(words: readonly string[]): ParseScheduleResult {
  const [dayWord, ...timeWords] = words;
  if (dayWord === undefined) return { ok: true, schedule: { kind: "weekly", weekday: 1, ...DEFAULT_TIME } };
  const weekday = weekdayNumber(dayWord) as Weekday | undefined;
  if (weekday === undefined) {
    if (parseTime(words.join("")) !== null) {
      return fail(`weekly needs a day before the time, e.g. "weekly mon ${words.join(" ")}"`);
    }
    return fail(`"${dayWord}" is not a day of the week: ${DAY_HELP}`);
  }
  const time = timeOrError(timeWords);
  return typeof time === "string" ? fail(time) : { ok: true, schedule: { kind: "weekly", weekday, ...time } };
}

function parseCronSchedule(words: readonly string[]): ParseScheduleResult {
  const expression = words.join(" ").toLowerCase();
  if (words.length === 1 && parseTime(expression) !== null) {
    return fail(`"${words[0] ?? ""}" needs a frequency: e.g. "daily ${expression}" or "weekly mon ${expression}"`);
  }
  if (words.length !== 5 && words.length !== 6) {
    return fail(`${CRON_SHAPE}; "${words.join(" ")}" has ${words.length}`);
  }
  const parsed = parseCron(words.join(" "));
  if (!parsed.ok) return fail(parsed.error);
  if (cronNeverFires(parsed.spec)) {
    return fail(`cron expression "${expression}" never fires: none of its months has that day of the month`);
  }
  return { ok: true, schedule: { kind: "cron", expression } };
}

/**
 * Reads a schedule as a user types it, case-insensitively and ignoring extra spaces:
 * - `instant`
 * - `daily` (09:00) or `daily HH:MM` (also `H:MM`, `9am`, `5:30pm`)
 * - `weekly` (monday 09:00), `weekly <day>` (09:00) or `weekly <day> HH:MM`; days as `mon`/`monday`
 * - a 5-field cron expression, or 6 fields with seconds first (see `schedule-cron.ts`), kept
 *   lower-cased with single spaces. An expression that can never fire (`0 0 31 2 *`) is refused.
 * Errors are sentences for the user that say what is accepted.
 */
export function parseSchedule(text: string): ParseScheduleResult {
  const words = text.trim().split(/\s+/u).filter((word) => word !== "");
  const [head, ...rest] = words;
  if (head === undefined) return fail(`the schedule is empty: ${ACCEPTED}`);
  switch (head.toLowerCase()) {
    case "instant":
      return rest.length === 0 ? { ok: true, schedule: { kind: "instant" } } : fail(`"instant" takes nothing after it: ${ACCEPTED}`);
    case "daily":
      return parseDaily(rest);
    case "weekly":
      return parseWeekly(rest);
    default:
      if (/^[\d*?]/u.test(head)) return parseCronSchedule(words);
      return fail(`unknown schedule "${words.join(" ")}": ${ACCEPTED}`);
  }
}

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}

/** Canonical text, accepted back by `parseSchedule`: `instant`, `daily 09:00`, `weekly mon 09:00`, the cron text. */
export function formatSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case "instant":
      return "instant";
    case "daily":
      return `daily ${twoDigits(schedule.hour)}:${twoDigits(schedule.minute)}`;
    case "weekly":
      return `weekly ${WEEKDAY_ABBREVIATIONS[schedule.weekday]} ${twoDigits(schedule.hour)}:${twoDigits(schedule.minute)}`;
    case "cron":
      return schedule.expression;
  }
}

function assertWallTime(hour: number, minute: number): void {
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    throw new RangeError(`${hour}:${minute} is not a time: hour must be 0–23 and minute 0–59`);
  }
}

/**
 * The first instant strictly after `after` at which `schedule` fires, reading its times as wall-clock
 * times in the IANA `timeZone`. `instant` fires at once: it returns a copy of `after`.
 *
 * Daylight saving: a wall time skipped by a spring-forward gap fires at the first instant after the
 * gap (02:30 on a 02:00→03:00 night fires at 03:00 local); a wall time repeated by fall-back fires
 * once, at its first occurrence. Cron fields refer to local wall time too.
 *
 * Returns null only for a cron expression that never fires (`0 0 31 2 *`; `parseSchedule` refuses
 * those). Throws a RangeError for an unknown time zone, an invalid `after`, a daily/weekly time out
 * of range or an invalid cron expression.
 */
export function nextSlot(schedule: TimedSchedule, timeZone: string, after: Date): Date;
export function nextSlot(schedule: Schedule, timeZone: string, after: Date): Date | null;
export function nextSlot(schedule: Schedule, timeZone: string, after: Date): Date | null {
  assertTimeZone(timeZone);
  switch (schedule.kind) {
    case "instant":
      return new Date(after.getTime());
    case "daily":
      assertWallTime(schedule.hour, schedule.minute);
      return nextCronInstant(wallClockSpec(schedule.hour, schedule.minute), timeZone, after);
    case "weekly":
      assertWallTime(schedule.hour, schedule.minute);
      if (!Number.isInteger(schedule.weekday) || schedule.weekday < 0 || schedule.weekday > 6) {
        throw new RangeError(`weekday ${schedule.weekday} is not 0 (Sunday) to 6 (Saturday)`);
      }
      return nextCronInstant(wallClockSpec(schedule.hour, schedule.minute, schedule.weekday), timeZone, after);
    case "cron": {
      const parsed = parseCron(schedule.expression);
      if (!parsed.ok) throw new RangeError(parsed.error);
      return nextCronInstant(parsed.spec, timeZone, after);
    }
  }
}
