import { describe, expect, it } from "vitest";
import {
  formatSchedule,
  nextSlot,
  parseSchedule,
  validTimeZone,
  type Schedule,
} from "../../src/scheduler/schedule.js";

function parsed(text: string): Schedule {
  const result = parseSchedule(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error}`);
  return result.schedule;
}

function parseError(text: string): string {
  const result = parseSchedule(text);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.schedule)}`);
  return result.error;
}

describe("parseSchedule accepts", () => {
  it.each<[string, Schedule]>([
    ["instant", { kind: "instant" }],
    ["  INSTANT ", { kind: "instant" }],
    ["daily", { kind: "daily", hour: 9, minute: 0 }],
    ["daily 09:00", { kind: "daily", hour: 9, minute: 0 }],
    ["Daily   7:05", { kind: "daily", hour: 7, minute: 5 }],
    ["daily 23:59", { kind: "daily", hour: 23, minute: 59 }],
    ["daily 00:00", { kind: "daily", hour: 0, minute: 0 }],
    ["daily 9am", { kind: "daily", hour: 9, minute: 0 }],
    ["daily 5:30pm", { kind: "daily", hour: 17, minute: 30 }],
    ["daily 5:30 PM", { kind: "daily", hour: 17, minute: 30 }],
    ["daily 12am", { kind: "daily", hour: 0, minute: 0 }],
    ["daily 12pm", { kind: "daily", hour: 12, minute: 0 }],
    ["weekly", { kind: "weekly", weekday: 1, hour: 9, minute: 0 }],
    ["weekly fri", { kind: "weekly", weekday: 5, hour: 9, minute: 0 }],
    ["weekly mon 09:00", { kind: "weekly", weekday: 1, hour: 9, minute: 0 }],
    ["weekly Tue 18:30", { kind: "weekly", weekday: 2, hour: 18, minute: 30 }],
    ["WEEKLY  Wednesday  8:15", { kind: "weekly", weekday: 3, hour: 8, minute: 15 }],
    ["weekly thurs 6pm", { kind: "weekly", weekday: 4, hour: 18, minute: 0 }],
    ["weekly sat 10:00", { kind: "weekly", weekday: 6, hour: 10, minute: 0 }],
    ["weekly Sunday 23:00", { kind: "weekly", weekday: 0, hour: 23, minute: 0 }],
    ["0 9 * * *", { kind: "cron", expression: "0 9 * * *" }],
    ["  0   9 * *   MON-FRI ", { kind: "cron", expression: "0 9 * * mon-fri" }],
    ["*/30 0 9 * * *", { kind: "cron", expression: "*/30 0 9 * * *" }],
    ["0 0 1 jan,jul ?", { kind: "cron", expression: "0 0 1 jan,jul ?" }],
    ["0 0 29 2 *", { kind: "cron", expression: "0 0 29 2 *" }],
    ["0 0 31 2 mon", { kind: "cron", expression: "0 0 31 2 mon" }],
  ])("GIVEN %j WHEN parsed THEN it is accepted", (text, schedule) => {
    expect(parseSchedule(text)).toEqual({ ok: true, schedule });
  });
});

describe("parseSchedule refuses with a message that says what is accepted", () => {
  it.each([
    ["daily 25:00", '"25:00" is not a time: use HH:MM, 00:00–23:59'],
    ["daily 12:60", '"12:60" is not a time: use HH:MM, 00:00–23:59'],
    ["daily 9", '"9" is not a time: use HH:MM, 00:00–23:59'],
    ["daily 13pm", '"13pm" is not a time: use HH:MM, 00:00–23:59'],
    ["daily 9:00:00", '"9:00:00" is not a time: use HH:MM, 00:00–23:59'],
    ["weekly mon 24:00", '"24:00" is not a time: use HH:MM, 00:00–23:59'],
    ["hourly", 'unknown schedule "hourly": use instant, daily HH:MM, weekly <day> HH:MM or a cron expression'],
    ["every   day", 'unknown schedule "every day": use instant, daily HH:MM, weekly <day> HH:MM or a cron expression'],
    ["", "the schedule is empty: use instant, daily HH:MM, weekly <day> HH:MM or a cron expression"],
    ["   ", "the schedule is empty: use instant, daily HH:MM, weekly <day> HH:MM or a cron expression"],
    ["weekly funday 09:00", '"funday" is not a day of the week: use mon, tue, wed, thu, fri, sat, sun or the full name'],
    ["weekly 10:00", 'weekly needs a day before the time, e.g. "weekly mon 10:00"'],
    ["9am", '"9am" needs a frequency: e.g. "daily 9am" or "weekly mon 9am"'],
  ])("GIVEN %j WHEN parsed THEN the error is %j", (text, error) => {
    expect(parseError(text)).toBe(error);
  });

  it("GIVEN instant with arguments WHEN parsed THEN it is refused", () => {
    expect(parseError("instant now")).toMatch(/^"instant" takes nothing after it/u);
  });

  it.each([
    ["0 9 * *", /5 fields .* or 6 with seconds first; "0 9 \* \*" has 4/u],
    ["0 0 9 * * * *", /has 7$/u],
    ["61 * * * *", /minute 61 is out of range 0–59/u],
    ["0 24 * * *", /hour 24 is out of range 0–23/u],
    ["0 0 0 * *", /day-of-month 0 is out of range 1–31/u],
    ["0 0 * 13 *", /month 13 is out of range 1–12/u],
    ["0 0 * * 8", /day-of-week 8 is out of range 0–7/u],
    ["60 0 0 * * *", /second 60 is out of range 0–59/u],
    ["0 0 * foo *", /"foo" is not a valid month: use a number 1–12 or a name like jan/u],
    ["0 9 * * fri-mon", /day-of-week range "fri-mon" runs backwards/u],
    ["*/0 * * * *", /step "\/0" in the minute field/u],
    ["1,,2 * * * *", /empty list entry/u],
    ["0 9 * * mon#2", /"mon#2" is not a valid day-of-week/u],
    ["0 9 L * *", /"L" is not a valid day-of-month: use a number 1–31/u],
    ["0 0 31 2 *", /never fires/u],
    ["0 0 30,31 feb *", /never fires/u],
    ["0 0 31 apr,jun,sep,nov *", /never fires/u],
  ])("GIVEN the cron expression %j WHEN parsed THEN it is refused with %s", (text, error) => {
    expect(parseError(text)).toMatch(error);
  });

  it("GIVEN a cron error THEN it quotes the expression", () => {
    expect(parseError("0 61 * * *")).toBe('invalid cron expression "0 61 * * *": hour 61 is out of range 0–23');
  });
});

describe("formatSchedule", () => {
  it.each<[Schedule, string]>([
    [{ kind: "instant" }, "instant"],
    [{ kind: "daily", hour: 9, minute: 0 }, "daily 09:00"],
    [{ kind: "daily", hour: 17, minute: 5 }, "daily 17:05"],
    [{ kind: "weekly", weekday: 1, hour: 9, minute: 0 }, "weekly mon 09:00"],
    [{ kind: "weekly", weekday: 0, hour: 23, minute: 30 }, "weekly sun 23:30"],
    [{ kind: "cron", expression: "*/5 * * * mon-fri" }, "*/5 * * * mon-fri"],
  ])("GIVEN %j THEN it prints %j", (schedule, text) => {
    expect(formatSchedule(schedule)).toBe(text);
  });

  it.each(["instant", "daily", "daily 5:30pm", "weekly", "weekly Thursday 7am", "0 9 * * MON-FRI", "0 0 9 * * *"])(
    "GIVEN %j WHEN parsed, printed and parsed again THEN the schedule is the same",
    (text) => {
      const schedule = parsed(text);
      expect(parsed(formatSchedule(schedule))).toEqual(schedule);
    },
  );
});

describe("validTimeZone", () => {
  it.each(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "europe/berlin"])(
    "GIVEN %j THEN it is valid",
    (zone) => {
      expect(validTimeZone(zone)).toBe(true);
    },
  );

  it.each(["", "  ", "Mars/Olympus_Mons", "Europe/Berlinn", "+25:00"])("GIVEN %j THEN it is not valid", (zone) => {
    expect(validTimeZone(zone)).toBe(false);
  });

  it("GIVEN an unknown zone WHEN the next slot is asked for THEN a RangeError names the zone", () => {
    expect(() => nextSlot({ kind: "daily", hour: 9, minute: 0 }, "Mars/Olympus_Mons", new Date("2025-01-01T00:00:00Z")))
      .toThrow(/unknown time zone "Mars\/Olympus_Mons"/u);
  });
});
