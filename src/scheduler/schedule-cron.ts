/**
 * A small cron parser: 5 fields (`minute hour day-of-month month day-of-week`) or 6 with seconds
 * first. Each field is `*`, a value, a range `a-b`, a step `*\/n`, `a-b/n` or `a/n`, or a comma
 * list of those. Months take `jan`–`dec`, weekdays `sun`–`sat` (and full names); weekday 7 is
 * Sunday like 0; `?` means `*` in the two day fields. `L`, `W` and `#` are not supported.
 *
 * Day fields follow Vixie cron: when both day-of-month and day-of-week are restricted (neither
 * starts with `*` or `?`), a day matches if EITHER matches (`0 0 13 * fri` fires on every 13th and
 * every Friday); otherwise both must match.
 */

import { DAY_MS } from "./timezone.js";

/** A parsed cron expression. Time lists are sorted and non-empty; the day sets are non-empty. */
export interface CronSpec {
  seconds: readonly number[];
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
  /** The day-of-month field started with `*` or `?`. */
  anyDayOfMonth: boolean;
  /** The day-of-week field started with `*` or `?`. */
  anyWeekday: boolean;
}

export type CronParseResult = { ok: true; spec: CronSpec } | { ok: false; error: string };

interface FieldRule {
  label: string;
  min: number;
  max: number;
  names: readonly (readonly string[])[];
  question: boolean;
}

const MONTH_NAMES = [
  ["jan", "january"], ["feb", "february"], ["mar", "march"], ["apr", "april"], ["may"], ["jun", "june"],
  ["jul", "july"], ["aug", "august"], ["sep", "sept", "september"], ["oct", "october"],
  ["nov", "november"], ["dec", "december"],
] as const;
const WEEKDAY_NAMES = [
  ["sun", "sunday"], ["mon", "monday"], ["tue", "tues", "tuesday"], ["wed", "wednesday"],
  ["thu", "thur", "thurs", "thursday"], ["fri", "friday"], ["sat", "saturday"],
] as const;

const SECOND: FieldRule = { label: "second", min: 0, max: 59, names: [], question: false };
const MINUTE: FieldRule = { label: "minute", min: 0, max: 59, names: [], question: false };
const HOUR: FieldRule = { label: "hour", min: 0, max: 23, names: [], question: false };
const DAY_OF_MONTH: FieldRule = { label: "day-of-month", min: 1, max: 31, names: [], question: true };
const MONTH: FieldRule = { label: "month", min: 1, max: 12, names: [[], ...MONTH_NAMES], question: false };
const WEEKDAY: FieldRule = { label: "day-of-week", min: 0, max: 7, names: WEEKDAY_NAMES, question: true };

/** What a cron expression looks like, for error messages. */
export const CRON_SHAPE =
  "a cron expression has 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first";

/** The weekday number (0 = Sunday) of a day name or abbreviation (`mon`, `Tuesday`, `thurs`), if any. */
export function weekdayNumber(word: string): number | undefined {
  const lower = word.toLowerCase();
  const index = WEEKDAY_NAMES.findIndex((names) => (names as readonly string[]).includes(lower));
  return index === -1 ? undefined : index;
}

type FieldResult = { ok: true; values: number[] } | { ok: false; error: string };

function valueOf(token: string, rule: FieldRule): number | string {
  if (/^\d+$/u.test(token)) {
    const value = Number(token);
    if (value < rule.min || value > rule.max) {
      return `${rule.label} ${token} is out of range ${rule.min}–${rule.max}`;
    }
    return value;
  }
  const lower = token.toLowerCase();
  const index = rule.names.findIndex((names) => names.includes(lower));
  if (index !== -1) return index;
  const hint = rule.names.length > 0 ? ` or a name like ${rule.names[1]?.[0] ?? ""}` : "";
  return `"${token}" is not a valid ${rule.label}: use a number ${rule.min}–${rule.max}${hint}`;
}

function parseItem(item: string, rule: FieldRule): FieldResult {
  const pieces = item.split("/");
  const [range = "", stepText, extra] = pieces;
  if (extra !== undefined) return { ok: false, error: `"${item}" has more than one "/" in the ${rule.label} field` };
  let step = 1;
  if (stepText !== undefined) {
    step = /^\d+$/u.test(stepText) ? Number(stepText) : 0;
    if (step < 1) return { ok: false, error: `step "/${stepText}" in the ${rule.label} field must be a whole number of at least 1` };
  }
  let low = rule.min;
  let high = rule.max;
  if (range !== "*" && !(range === "?" && rule.question)) {
    const bounds = range.split("-");
    if (bounds.length > 2) return { ok: false, error: `"${item}" is not a valid ${rule.label} range` };
    const first = valueOf(bounds[0] ?? "", rule);
    if (typeof first === "string") return { ok: false, error: first };
    const last = bounds[1] === undefined ? (stepText === undefined ? first : rule.max) : valueOf(bounds[1], rule);
    if (typeof last === "string") return { ok: false, error: last };
    if (last < first) return { ok: false, error: `${rule.label} range "${range}" runs backwards: write the low end first` };
    low = first;
    high = last;
  }
  const values: number[] = [];
  for (let value = low; value <= high; value += step) values.push(value);
  return { ok: true, values };
}

function parseField(text: string, rule: FieldRule): FieldResult {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    if (item === "") return { ok: false, error: `the ${rule.label} field "${text}" has an empty list entry` };
    const parsed = parseItem(item, rule);
    if (!parsed.ok) return parsed;
    for (const value of parsed.values) values.add(rule === WEEKDAY && value === 7 ? 0 : value);
  }
  return { ok: true, values: [...values].sort((a, b) => a - b) };
}

function startsAny(field: string): boolean {
  return field.startsWith("*") || field.startsWith("?");
}

/** Parses a 5- or 6-field cron expression; the error names the field and what it accepts. */
export function parseCron(expression: string): CronParseResult {
  const fields = expression.trim().split(/\s+/u).filter((field) => field !== "");
  if (fields.length !== 5 && fields.length !== 6) {
    return { ok: false, error: `${CRON_SHAPE}; "${fields.join(" ")}" has ${fields.length}` };
  }
  const texts = fields.length === 6 ? fields : ["0", ...fields];
  const rules = [SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, WEEKDAY];
  const lists: number[][] = [];
  for (const [index, rule] of rules.entries()) {
    const parsed = parseField(texts[index] ?? "", rule);
    if (!parsed.ok) return { ok: false, error: `invalid cron expression "${fields.join(" ")}": ${parsed.error}` };
    lists.push(parsed.values);
  }
  const [seconds = [], minutes = [], hours = [], daysOfMonth = [], months = [], weekdays = []] = lists;
  return {
    ok: true,
    spec: {
      seconds,
      minutes,
      hours,
      daysOfMonth: new Set(daysOfMonth),
      months: new Set(months),
      weekdays: new Set(weekdays),
      anyDayOfMonth: startsAny(texts[3] ?? "*"),
      anyWeekday: startsAny(texts[5] ?? "*"),
    },
  };
}

const ALL_DAYS_OF_MONTH = new Set(Array.from({ length: 31 }, (_, index) => index + 1));
const ALL_MONTHS = new Set(Array.from({ length: 12 }, (_, index) => index + 1));
const ALL_WEEKDAYS = new Set([0, 1, 2, 3, 4, 5, 6]);

/** The spec of "every day at hour:minute:00", or only on `weekday` (0 = Sunday) when given. */
export function wallClockSpec(hour: number, minute: number, weekday?: number): CronSpec {
  return {
    seconds: [0],
    minutes: [minute],
    hours: [hour],
    daysOfMonth: ALL_DAYS_OF_MONTH,
    months: ALL_MONTHS,
    weekdays: weekday === undefined ? ALL_WEEKDAYS : new Set([weekday]),
    anyDayOfMonth: true,
    anyWeekday: weekday === undefined,
  };
}

const LONGEST_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when no calendar day ever matches (`0 0 31 2 *`, `0 0 30 feb *`). Only possible when the
 * day-of-month and month fields must both match; any weekday comes round on any date in time.
 */
export function cronNeverFires(spec: CronSpec): boolean {
  if (!spec.anyDayOfMonth && !spec.anyWeekday) return false;
  for (const month of spec.months) {
    for (const day of spec.daysOfMonth) if (day <= (LONGEST_MONTH[month] ?? 0)) return false;
  }
  return true;
}

/** True when the wall day starting at `dayStart` (a UTC-midnight wall value) matches the day fields. */
export function cronDayMatches(spec: CronSpec, dayStart: number): boolean {
  const date = new Date(dayStart);
  if (!spec.months.has(date.getUTCMonth() + 1)) return false;
  const dayOfMonth = spec.daysOfMonth.has(date.getUTCDate());
  const weekday = spec.weekdays.has(date.getUTCDay());
  return spec.anyDayOfMonth || spec.anyWeekday ? dayOfMonth && weekday : dayOfMonth || weekday;
}

/** The first wall day at or after `dayStart` whose month matches (skips whole months). */
export function nextMonthDay(spec: CronSpec, dayStart: number): number {
  const date = new Date(dayStart);
  if (spec.months.has(date.getUTCMonth() + 1)) return dayStart;
  for (let step = 1; step <= 12; step += 1) {
    const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + step, 1);
    if (spec.months.has(new Date(first).getUTCMonth() + 1)) return first;
  }
  return dayStart + DAY_MS;
}

/** The first second of the day (0–86_399) at or after `fromSecond` that matches the time fields, or null. */
export function cronSecondOfDay(spec: CronSpec, fromSecond: number): number | null {
  const fromHour = Math.floor(fromSecond / 3600);
  const fromMinute = Math.floor((fromSecond % 3600) / 60);
  const from = fromSecond % 60;
  const firstMinute = spec.minutes[0] ?? 0;
  const firstSecond = spec.seconds[0] ?? 0;
  for (const hour of spec.hours) {
    if (hour < fromHour) continue;
    if (hour > fromHour) return hour * 3600 + firstMinute * 60 + firstSecond;
    for (const minute of spec.minutes) {
      if (minute < fromMinute) continue;
      if (minute > fromMinute) return hour * 3600 + minute * 60 + firstSecond;
      const second = spec.seconds.find((candidate) => candidate >= from);
      if (second !== undefined) return hour * 3600 + minute * 60 + second;
    }
  }
  return null;
}
