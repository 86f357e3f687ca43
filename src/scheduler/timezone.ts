/**
 * IANA time-zone arithmetic on top of `Intl.DateTimeFormat`, with no dependencies.
 *
 * Times are handled as epoch milliseconds. A "wall" value is the local date and time of a zone
 * written as if it were UTC: `Date.UTC(year, month - 1, day, hour, minute, second)`. The offset of
 * a zone at an instant is `wall - instant`, so `wall = instant + offset` and `instant = wall - offset`.
 */

export const SECOND_MS = 1_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `zone` names a time zone this runtime knows (`Europe/Berlin`, `UTC`, `Asia/Kolkata`). */
export function validTimeZone(zone: string): boolean {
  if (zone.trim() === "") return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The one message for a zone this runtime does not know, with an example of one it does. */
export function unknownTimeZone(zone: string): string {
  return `unknown time zone "${zone}": use an IANA name, e.g. Europe/Paris or UTC`;
}

/**
 * Whether a word is written like a time-zone name (`Mars/Olympus`, `America/Argentina/Salta`,
 * `UTC`), valid or not, so a mistyped zone is reported as a zone rather than as part of a schedule.
 */
export function looksLikeTimeZone(word: string): boolean {
  return /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$|^UTC$/u.test(word);
}

/** Throws a RangeError that says what is expected when `zone` is not a known time zone. */
export function assertTimeZone(zone: string): void {
  if (!validTimeZone(zone)) throw new RangeError(unknownTimeZone(zone));
}

/** The UTC offset of `timeZone` at the instant `ms`, in milliseconds (whole seconds; +02:00 → 7_200_000). */
export function offsetAt(timeZone: string, ms: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const wall = new Date(0);
  wall.setUTCFullYear(fields["year"] ?? 1970, (fields["month"] ?? 1) - 1, fields["day"] ?? 1);
  wall.setUTCHours(fields["hour"] ?? 0, fields["minute"] ?? 0, fields["second"] ?? 0, 0);
  const wholeSecond = ms - (((ms % SECOND_MS) + SECOND_MS) % SECOND_MS);
  return wall.getTime() - wholeSecond;
}

/** The wall time (see the module comment) of `timeZone` at the instant `ms`. */
export function wallAt(timeZone: string, ms: number): number {
  return ms + offsetAt(timeZone, ms);
}

/**
 * The first instant in `(from, to]` whose offset differs from `offsetAt(timeZone, from)`, to the
 * second, assuming the offset changes at most once in that range; `null` when it does not change
 * between the two ends.
 */
export function findTransition(timeZone: string, from: number, to: number): number | null {
  const before = offsetAt(timeZone, from);
  if (offsetAt(timeZone, to) === before) return null;
  let low = from;
  let high = to;
  while (high - low > SECOND_MS) {
    const middle = low + Math.floor((high - low) / (2 * SECOND_MS)) * SECOND_MS;
    if (offsetAt(timeZone, middle) === before) low = middle;
    else high = middle;
  }
  return high;
}
