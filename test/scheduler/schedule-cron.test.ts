import fc from "fast-check";
import { parse as nodeCronParse } from "node-cron";
import { describe, expect, it } from "vitest";
import { nextSlot } from "../../src/scheduler/schedule.js";
import { DAY_MS, findTransition, offsetAt } from "../../src/scheduler/timezone.js";

function cronSlot(expression: string, zone: string, after: string): string | null {
  return nextSlot({ kind: "cron", expression }, zone, new Date(after))?.toISOString() ?? null;
}

const iso = (text: string): string => new Date(text).toISOString();

describe("cron fields", () => {
  it("GIVEN a 5-field cron in UTC WHEN it is exactly a firing time THEN the next slot is the following one", () => {
    expect(cronSlot("*/15 * * * *", "UTC", "2025-06-01T10:15:00Z")).toBe(iso("2025-06-01T10:30:00Z"));
  });

  it("GIVEN a 6-field cron with seconds THEN it fires on the matching second", () => {
    expect(cronSlot("*/15 * * * * *", "UTC", "2025-06-01T10:00:14.999Z")).toBe(iso("2025-06-01T10:00:15Z"));
    expect(cronSlot("*/15 * * * * *", "UTC", "2025-06-01T10:00:45Z")).toBe(iso("2025-06-01T10:01:00Z"));
    expect(cronSlot("30 0 9 * * *", "Europe/Berlin", "2025-06-01T07:00:30Z")).toBe(iso("2025-06-02T07:00:30Z"));
  });

  it("GIVEN a cron with lists, ranges and steps THEN it picks the next matching combination", () => {
    expect(cronSlot("5,35 8-10/2 * * *", "UTC", "2025-06-01T08:40:00Z")).toBe(iso("2025-06-01T10:05:00Z"));
    expect(cronSlot("0 22/1 * * *", "UTC", "2025-06-01T23:30:00Z")).toBe(iso("2025-06-02T22:00:00Z"));
  });

  it("GIVEN 0 9 * * mon-fri WHEN it is Friday after 09:00 THEN the next slot is Monday 09:00", () => {
    expect(cronSlot("0 9 * * mon-fri", "UTC", "2025-06-06T10:00:00Z")).toBe(iso("2025-06-09T09:00:00Z"));
  });

  it("GIVEN 0 9 * * MON-FRI in America/New_York THEN day names are case-insensitive and days are local", () => {
    // Friday 22:00 EDT is already Saturday in UTC; the next local weekday 09:00 is Monday 13:00Z.
    expect(cronSlot("0 9 * * MON-FRI", "America/New_York", "2025-06-07T02:00:00Z")).toBe(iso("2025-06-09T13:00:00Z"));
  });

  it("GIVEN weekday lists with names, numbers and 7 for Sunday THEN each names the right day", () => {
    expect(cronSlot("0 12 * * sat,sun", "UTC", "2025-06-02T00:00:00Z")).toBe(iso("2025-06-07T12:00:00Z"));
    expect(cronSlot("0 12 * * 7", "UTC", "2025-06-02T00:00:00Z")).toBe(iso("2025-06-08T12:00:00Z"));
    expect(cronSlot("0 12 * * 5-7", "UTC", "2025-06-02T00:00:00Z")).toBe(iso("2025-06-06T12:00:00Z"));
    expect(cronSlot("0 12 * * tuesday", "UTC", "2025-06-02T00:00:00Z")).toBe(iso("2025-06-03T12:00:00Z"));
  });

  it("GIVEN month names and a month range THEN months outside it are skipped", () => {
    expect(cronSlot("0 0 1 jan-mar,jul *", "UTC", "2025-04-01T12:00:00Z")).toBe(iso("2025-07-01T00:00:00Z"));
    expect(cronSlot("0 8 * dec fri", "UTC", "2025-06-01T00:00:00Z")).toBe(iso("2025-12-05T08:00:00Z"));
  });

  it("GIVEN both day fields restricted THEN a day matching either fires (Vixie cron)", () => {
    // 13 July 2025 is a Sunday: it matches the day of month, not the weekday.
    expect(cronSlot("0 0 13 * fri", "UTC", "2025-07-12T00:00:00Z")).toBe(iso("2025-07-13T00:00:00Z"));
    expect(cronSlot("0 0 13 * fri", "UTC", "2025-07-13T00:00:00Z")).toBe(iso("2025-07-18T00:00:00Z"));
  });

  it("GIVEN a day field starting with * THEN both day fields must match", () => {
    // 1, 11, 21 or 31 AND a Friday: 11 July 2025.
    expect(cronSlot("0 0 */10 * fri", "UTC", "2025-06-01T00:00:00Z")).toBe(iso("2025-07-11T00:00:00Z"));
  });

  it("GIVEN 0 0 29 2 * THEN it waits for the next leap day, skipping 2100", () => {
    expect(cronSlot("0 0 29 2 *", "UTC", "2025-01-01T00:00:00Z")).toBe(iso("2028-02-29T00:00:00Z"));
    expect(cronSlot("0 0 29 2 *", "UTC", "2096-03-01T00:00:00Z")).toBe(iso("2104-02-29T00:00:00Z"));
  });

  it.each(["0 0 31 2 *", "0 0 30,31 feb *", "0 0 31 apr,jun,sep,nov ?", "0 0 0 30 2 *"])(
    "GIVEN the never-matching cron %j THEN nextSlot returns null",
    (expression) => {
      expect(cronSlot(expression, "Europe/Berlin", "2025-01-01T00:00:00Z")).toBeNull();
    },
  );

  it("GIVEN 0 0 1 1 * WHEN it is 31 December THEN the next slot is 1 January local", () => {
    expect(cronSlot("0 0 1 1 *", "UTC", "2025-12-31T23:59:59Z")).toBe(iso("2026-01-01T00:00:00Z"));
    expect(cronSlot("0 0 1 jan *", "Asia/Kolkata", "2025-06-01T00:00:00Z")).toBe(iso("2025-12-31T18:30:00Z"));
    expect(cronSlot("59 23 31 12 *", "UTC", "2025-12-31T23:59:00Z")).toBe(iso("2026-12-31T23:59:00Z"));
  });
});

describe("cron across daylight saving", () => {
  it("GIVEN */20 2 * * * in Europe/Berlin WHEN 02:xx does not exist THEN it fires once at 03:00 CEST (01:00Z)", () => {
    expect(cronSlot("*/20 2 * * *", "Europe/Berlin", "2025-03-29T23:00:00Z")).toBe(iso("2025-03-30T01:00:00Z"));
    expect(cronSlot("*/20 2 * * *", "Europe/Berlin", "2025-03-30T01:00:00Z")).toBe(iso("2025-03-31T00:00:00Z"));
  });

  it("GIVEN 0 9 * * * in Europe/Berlin WHEN DST starts THEN the next slot is 07:00Z", () => {
    expect(cronSlot("0 9 * * *", "Europe/Berlin", "2025-03-29T08:00:00Z")).toBe(iso("2025-03-30T07:00:00Z"));
  });

  it("GIVEN */20 2 * * * in Europe/Berlin WHEN 02:xx repeats THEN only the first occurrences fire", () => {
    expect(cronSlot("*/20 2 * * *", "Europe/Berlin", "2025-10-26T00:20:00Z")).toBe(iso("2025-10-26T00:40:00Z"));
    expect(cronSlot("*/20 2 * * *", "Europe/Berlin", "2025-10-26T00:40:00Z")).toBe(iso("2025-10-27T01:00:00Z"));
  });

  it("GIVEN an hourly cron in Europe/Berlin WHEN the clocks go back THEN the repeated 02:00 fires once", () => {
    expect(cronSlot("0 * * * *", "Europe/Berlin", "2025-10-26T00:00:00Z")).toBe(iso("2025-10-26T02:00:00Z"));
  });

  it("GIVEN an every-15-minutes cron in Europe/Berlin WHEN the clocks go forward THEN 01:45 CET is followed by 03:00 CEST", () => {
    expect(cronSlot("*/15 * * * *", "Europe/Berlin", "2025-03-30T00:45:00Z")).toBe(iso("2025-03-30T01:00:00Z"));
    expect(cronSlot("*/15 * * * *", "Europe/Berlin", "2025-03-30T01:00:00Z")).toBe(iso("2025-03-30T01:15:00Z"));
  });

  it("GIVEN 30 2 * * * in America/New_York WHEN 02:30 does not exist THEN it fires at 03:00 EDT (07:00Z)", () => {
    expect(cronSlot("30 2 * * *", "America/New_York", "2025-03-08T12:00:00Z")).toBe(iso("2025-03-09T07:00:00Z"));
  });

  it("GIVEN 0 1 * * * in America/New_York WHEN 01:00 occurs twice THEN it fires at 05:00Z only", () => {
    expect(cronSlot("0 1 * * *", "America/New_York", "2025-11-02T04:00:00Z")).toBe(iso("2025-11-02T05:00:00Z"));
    expect(cronSlot("0 1 * * *", "America/New_York", "2025-11-02T05:00:00Z")).toBe(iso("2025-11-03T06:00:00Z"));
  });

  it("GIVEN a seconds cron in America/New_York WHEN the clocks go forward THEN 01:59:30 EST is followed by 03:00:00 EDT", () => {
    expect(cronSlot("*/30 * * * * *", "America/New_York", "2025-03-09T06:59:30Z")).toBe(iso("2025-03-09T07:00:00Z"));
  });
});

const knownOffsets = new Map<string, number>();

/** The offset at a whole minute; the zones below only change offset on quarter hours (UTC). */
function cachedOffset(zone: string, instant: number): number {
  const quarter = Math.floor(instant / 900_000) * 900_000;
  const key = `${zone}@${quarter}`;
  let offset = knownOffsets.get(key);
  if (offset === undefined) {
    offset = offsetAt(zone, quarter);
    knownOffsets.set(key, offset);
  }
  return offset;
}

/** Next firing by stepping minute by minute: the reference the fast search must agree with. */
function bruteForceSlot(expression: string, zone: string, after: number): number | null {
  const fields = nodeCronParse(expression);
  const matches = (wall: number): boolean => {
    const date = new Date(wall);
    return (
      fields.minute.includes(date.getUTCMinutes()) &&
      fields.hour.includes(date.getUTCHours()) &&
      fields.dayOfMonth.includes(date.getUTCDate()) &&
      fields.month.includes(date.getUTCMonth() + 1) &&
      fields.dayOfWeek.includes(date.getUTCDay())
    );
  };
  const minute = 60_000;
  const occurredBefore = (wall: number, instant: number): boolean => {
    for (let earlier = instant - 4 * 60 * minute; earlier < instant; earlier += minute) {
      if (earlier + cachedOffset(zone, earlier) === wall) return true;
    }
    return false;
  };
  let instant = Math.floor(after / minute) * minute + minute;
  let previous = cachedOffset(zone, instant - minute);
  for (let step = 0; step < 8 * 24 * 60; step += 1, instant += minute) {
    const offset = cachedOffset(zone, instant);
    for (let skipped = instant + previous; skipped < instant + offset; skipped += minute) {
      if (matches(skipped)) return instant;
    }
    if (matches(instant + offset) && !occurredBefore(instant + offset, instant)) return instant;
    previous = offset;
  }
  return null;
}

describe("cron search agrees with a minute-by-minute reference around DST changes", () => {
  // Zone and the instant its offset changes in 2025.
  const changes: [string, string][] = [
    ["Europe/Berlin", "2025-03-30T01:00:00Z"], ["Europe/Berlin", "2025-10-26T01:00:00Z"],
    ["America/New_York", "2025-03-09T07:00:00Z"], ["America/New_York", "2025-11-02T06:00:00Z"],
    ["Pacific/Chatham", "2025-04-05T14:00:00Z"], ["Pacific/Chatham", "2025-09-27T14:00:00Z"],
    ["Australia/Lord_Howe", "2025-04-05T15:00:00Z"], ["Australia/Lord_Howe", "2025-10-04T15:30:00Z"],
  ];
  const expressions = [
    "*/15 1-3 * * *", "30 2 * * *", "0 * * * *", "45 2,3 * * *", "*/20 0-4 * * sun", "0,30 1-3 * * *",
    "50 1 * * *", "0 9 * * *", "15 3 * * mon", "*/5 * * * *",
  ];

  it.each(changes)("GIVEN %s THEN its offset changes at %s", (zone, change) => {
    const at = Date.parse(change);
    expect(findTransition(zone, at - DAY_MS, at + DAY_MS)).toBe(at);
  });

  it("GIVEN random expressions, zones and start times near a change THEN both give the same slot", () => {
    const hour = 3600;
    fc.assert(
      fc.property(
        fc.constantFrom(...changes),
        fc.constantFrom(...expressions),
        fc.oneof(fc.integer({ min: -3 * hour, max: 3 * hour }), fc.integer({ min: -48 * hour, max: 48 * hour })),
        ([zone, change], expression, seconds) => {
          const after = Date.parse(change) + seconds * 1000;
          const fast = nextSlot({ kind: "cron", expression }, zone, new Date(after));
          expect(fast?.getTime() ?? null).toBe(bruteForceSlot(expression, zone, after));
        },
      ),
      { numRuns: 150, seed: 20250330 },
    );
  });
});
