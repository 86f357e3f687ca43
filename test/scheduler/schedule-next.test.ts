import { describe, expect, it } from "vitest";
import { nextSlot, parseSchedule, type Schedule } from "../../src/scheduler/schedule.js";

/** The next slot of the schedule `text` in `zone` after the ISO instant `after`, as an ISO string. */
function slot(text: string, zone: string, after: string): string | null {
  const parsed = parseSchedule(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return nextSlot(parsed.schedule, zone, new Date(after))?.toISOString() ?? null;
}

const iso = (text: string): string => new Date(text).toISOString();

describe("instant", () => {
  it("GIVEN instant WHEN the next slot is asked for THEN it is the given instant", () => {
    const after = new Date("2025-06-01T12:34:56.789Z");
    const next = nextSlot({ kind: "instant" }, "Europe/Berlin", after);
    expect(next.getTime()).toBe(after.getTime());
  });
});

describe("daily", () => {
  it("GIVEN daily 09:00 in UTC WHEN it is 08:00Z THEN the next slot is 09:00Z the same day", () => {
    expect(slot("daily 09:00", "UTC", "2025-06-01T08:00:00Z")).toBe(iso("2025-06-01T09:00:00Z"));
  });

  it("GIVEN daily 09:00 in UTC WHEN it is exactly 09:00Z THEN the next slot is 09:00Z the next day", () => {
    expect(slot("daily 09:00", "UTC", "2025-06-01T09:00:00Z")).toBe(iso("2025-06-02T09:00:00Z"));
  });

  it("GIVEN daily 09:00 in UTC WHEN it is 1 ms before 09:00Z THEN the next slot is 09:00Z that day", () => {
    expect(slot("daily 09:00", "UTC", "2025-06-01T08:59:59.999Z")).toBe(iso("2025-06-01T09:00:00Z"));
  });

  it("GIVEN daily 09:00 in UTC WHEN it is 1 ms after 09:00Z THEN the next slot is the next day", () => {
    expect(slot("daily 09:00", "UTC", "2025-06-01T09:00:00.001Z")).toBe(iso("2025-06-02T09:00:00Z"));
  });

  it("GIVEN daily 09:00 in America/New_York WHEN in summer (EDT) THEN the next slot is 13:00Z", () => {
    expect(slot("daily 09:00", "America/New_York", "2025-07-01T12:00:00Z")).toBe(iso("2025-07-01T13:00:00Z"));
  });

  it("GIVEN daily 09:00 in America/New_York WHEN in winter (EST) THEN the next slot is 14:00Z", () => {
    expect(slot("daily 09:00", "America/New_York", "2025-01-15T14:00:00Z")).toBe(iso("2025-01-16T14:00:00Z"));
  });

  it("GIVEN daily 21:00 in America/New_York WHEN it is already the next day in UTC THEN the slot is 01:00Z", () => {
    expect(slot("daily 21:00", "America/New_York", "2025-07-02T00:30:00Z")).toBe(iso("2025-07-02T01:00:00Z"));
  });

  it("GIVEN daily 09:00 in Asia/Kolkata (+05:30) THEN the next slot is 03:30Z", () => {
    expect(slot("daily 09:00", "Asia/Kolkata", "2025-06-01T00:00:00Z")).toBe(iso("2025-06-01T03:30:00Z"));
    expect(slot("daily 09:00", "Asia/Kolkata", "2025-06-01T03:30:00Z")).toBe(iso("2025-06-02T03:30:00Z"));
  });

  it("GIVEN daily 02:00 in Asia/Kolkata WHEN it is 21:00Z THEN the slot is 20:30Z the next day", () => {
    expect(slot("daily 02:00", "Asia/Kolkata", "2025-06-01T21:00:00Z")).toBe(iso("2025-06-02T20:30:00Z"));
  });

  it("GIVEN daily 09:00 in Pacific/Chatham WHEN in winter (+12:45) THEN the slot is 20:15Z the day before", () => {
    expect(slot("daily 09:00", "Pacific/Chatham", "2025-06-01T00:00:00Z")).toBe(iso("2025-06-01T20:15:00Z"));
  });

  it("GIVEN daily 09:00 in Pacific/Chatham WHEN in summer (+13:45) THEN the slot is 19:15Z the day before", () => {
    expect(slot("daily 09:00", "Pacific/Chatham", "2025-01-10T00:00:00Z")).toBe(iso("2025-01-10T19:15:00Z"));
  });

  it("GIVEN daily 03:00 in Pacific/Chatham WHEN its DST starts (02:45→03:45) THEN it fires at 03:45 local", () => {
    // 2025-09-28 02:45 +12:45 = 2025-09-27T14:00Z, which is 03:45 +13:45.
    expect(slot("daily 03:00", "Pacific/Chatham", "2025-09-27T00:00:00Z")).toBe(iso("2025-09-27T14:00:00Z"));
  });

  it("GIVEN daily 5:30pm in UTC THEN the next slot is 17:30Z", () => {
    expect(slot("daily 5:30pm", "UTC", "2025-06-01T17:00:00Z")).toBe(iso("2025-06-01T17:30:00Z"));
  });
});

describe("daily across daylight saving", () => {
  it("GIVEN daily 09:00 in Europe/Berlin WHEN DST starts THEN the next slot is 07:00Z", () => {
    expect(slot("daily 09:00", "Europe/Berlin", "2025-03-29T08:00:00Z")).toBe(iso("2025-03-30T07:00:00Z"));
  });

  it("GIVEN daily 09:00 in Europe/Berlin WHEN DST ends THEN the next slot is 08:00Z", () => {
    expect(slot("daily 09:00", "Europe/Berlin", "2025-10-25T07:00:00Z")).toBe(iso("2025-10-26T08:00:00Z"));
  });

  it("GIVEN daily 02:30 in Europe/Berlin WHEN 02:30 does not exist (spring forward) THEN it fires at 03:00 local (01:00Z)", () => {
    expect(slot("daily 02:30", "Europe/Berlin", "2025-03-29T12:00:00Z")).toBe(iso("2025-03-30T01:00:00Z"));
  });

  it("GIVEN daily 02:30 in Europe/Berlin WHEN the gap day's slot has passed THEN the next day fires at 02:30 CEST", () => {
    expect(slot("daily 02:30", "Europe/Berlin", "2025-03-30T01:00:00Z")).toBe(iso("2025-03-31T00:30:00Z"));
  });

  it("GIVEN daily 02:30 in Europe/Berlin WHEN 02:30 occurs twice (fall back) THEN it fires at the first (00:30Z)", () => {
    expect(slot("daily 02:30", "Europe/Berlin", "2025-10-25T12:00:00Z")).toBe(iso("2025-10-26T00:30:00Z"));
  });

  it("GIVEN daily 02:30 in Europe/Berlin WHEN the first 02:30 has fired THEN the second is skipped", () => {
    expect(slot("daily 02:30", "Europe/Berlin", "2025-10-26T00:30:00Z")).toBe(iso("2025-10-27T01:30:00Z"));
  });

  it("GIVEN daily 02:30 in Europe/Berlin WHEN it is between the two 02:30s THEN the next slot is the next day", () => {
    expect(slot("daily 02:30", "Europe/Berlin", "2025-10-26T01:00:00Z")).toBe(iso("2025-10-27T01:30:00Z"));
  });

  it("GIVEN daily 09:00 in America/New_York WHEN DST starts THEN the next slot is 13:00Z", () => {
    expect(slot("daily 09:00", "America/New_York", "2025-03-08T14:00:00Z")).toBe(iso("2025-03-09T13:00:00Z"));
  });

  it("GIVEN daily 09:00 in America/New_York WHEN DST ends THEN the next slot is 14:00Z", () => {
    expect(slot("daily 09:00", "America/New_York", "2025-11-01T13:00:00Z")).toBe(iso("2025-11-02T14:00:00Z"));
  });

  it("GIVEN daily 02:30 in America/New_York WHEN 02:30 does not exist THEN it fires at 03:00 EDT (07:00Z)", () => {
    expect(slot("daily 02:30", "America/New_York", "2025-03-08T12:00:00Z")).toBe(iso("2025-03-09T07:00:00Z"));
  });

  it("GIVEN daily 01:30 in America/New_York WHEN 01:30 occurs twice THEN it fires once, at 01:30 EDT (05:30Z)", () => {
    expect(slot("daily 01:30", "America/New_York", "2025-11-01T12:00:00Z")).toBe(iso("2025-11-02T05:30:00Z"));
    expect(slot("daily 01:30", "America/New_York", "2025-11-02T05:30:00Z")).toBe(iso("2025-11-03T06:30:00Z"));
  });
});

describe("weekly", () => {
  it("GIVEN weekly mon 09:00 in UTC WHEN it is Saturday THEN the next slot is Monday 09:00Z", () => {
    expect(slot("weekly mon 09:00", "UTC", "2025-06-07T12:00:00Z")).toBe(iso("2025-06-09T09:00:00Z"));
  });

  it("GIVEN weekly (default) WHEN it is Monday 09:00 exactly THEN the next slot is a week later", () => {
    expect(slot("weekly", "UTC", "2025-06-09T09:00:00Z")).toBe(iso("2025-06-16T09:00:00Z"));
  });

  it("GIVEN weekly fri 17:00 in America/New_York WHEN it is Friday 17:00 EDT THEN the next slot is next Friday", () => {
    expect(slot("weekly fri 17:00", "America/New_York", "2025-06-06T21:00:00Z")).toBe(iso("2025-06-13T21:00:00Z"));
  });

  it("GIVEN weekly sun 23:00 in America/New_York WHEN it is Sunday evening THEN the slot is Monday 03:00Z", () => {
    expect(slot("weekly sun 23:00", "America/New_York", "2025-06-08T20:00:00Z")).toBe(iso("2025-06-09T03:00:00Z"));
  });

  it("GIVEN weekly mon 08:00 in Pacific/Chatham WHEN it is Saturday in UTC THEN the slot is Sunday 19:15Z", () => {
    expect(slot("weekly mon 08:00", "Pacific/Chatham", "2025-06-07T00:00:00Z")).toBe(iso("2025-06-08T19:15:00Z"));
  });

  it("GIVEN weekly sun 09:00 in Europe/Berlin WHEN DST starts that Sunday THEN the next slot is 07:00Z", () => {
    expect(slot("weekly sun 09:00", "Europe/Berlin", "2025-03-24T00:00:00Z")).toBe(iso("2025-03-30T07:00:00Z"));
  });

  it("GIVEN weekly wed 09:00 in Europe/Berlin WHEN it is Wednesday 31 December 09:00 THEN the next slot is 7 January", () => {
    expect(slot("weekly wed 09:00", "Europe/Berlin", "2025-12-31T08:00:00Z")).toBe(iso("2026-01-07T08:00:00Z"));
  });
});

describe("year boundary", () => {
  it("GIVEN daily 09:00 in Europe/Berlin WHEN it is 31 December after 09:00 THEN the next slot is 1 January", () => {
    expect(slot("daily 09:00", "Europe/Berlin", "2025-12-31T09:00:00Z")).toBe(iso("2026-01-01T08:00:00Z"));
  });

  it("GIVEN daily 00:00 in Asia/Kolkata WHEN it is 31 December in UTC and local THEN the slot is 1 January local", () => {
    expect(slot("daily 00:00", "Asia/Kolkata", "2025-12-31T12:00:00Z")).toBe(iso("2025-12-31T18:30:00Z"));
  });

  it("GIVEN daily 23:30 in America/New_York WHEN it is New Year's Eve THEN the slot is 04:30Z on 1 January", () => {
    expect(slot("daily 23:30", "America/New_York", "2025-12-31T20:00:00Z")).toBe(iso("2026-01-01T04:30:00Z"));
  });
});

describe("invalid input", () => {
  it.each<[Schedule, RegExp]>([
    [{ kind: "daily", hour: 24, minute: 0 }, /not a time/u],
    [{ kind: "daily", hour: 9, minute: 1.5 }, /not a time/u],
    [{ kind: "weekly", weekday: 7 as 0, hour: 9, minute: 0 }, /weekday 7/u],
    [{ kind: "cron", expression: "every day" }, /5 fields/u],
  ])("GIVEN the hand-built schedule %j THEN nextSlot throws %s", (schedule, error) => {
    expect(() => nextSlot(schedule, "UTC", new Date("2025-01-01T00:00:00Z"))).toThrow(error);
  });

  it("GIVEN an invalid Date THEN nextSlot throws", () => {
    expect(() => nextSlot({ kind: "daily", hour: 9, minute: 0 }, "UTC", new Date("nope"))).toThrow(/valid Date/u);
  });
});
