import { describe, expect, it } from "vitest";
import { resolvePageDate, utcIsoDate } from "../../src/digests/dates.js";
import { parse } from "./helpers.js";

function capture(pageDate: string | null, paperDates: string[]): string {
  const header = pageDate === null ? "Daily Papers\n\n" : `Daily Papers\n\n${pageDate}\n\n`;
  const papers = paperDates.map(
    (date, index) => `Paper Number ${index + 1}\n\nAn abstract for paper ${index + 1}, long enough to read as prose.\n\n  • 3 authors\n·\n${date}\n`,
  );
  return header + papers.join("\n");
}

function read(text: string, now: string): { dumpDate: string | null; dates: (string | null)[] } {
  const dump = parse(text, "dated.txt", new Date(now));
  return { dumpDate: dump.dumpDate, dates: dump.papers.map((paper) => paper.publishedOn) };
}

describe("year inference", () => {
  it("GIVEN a dump dated Jan 3 read on 2025-01-10 THEN it is 2025-01-03 and a paper dated Dec 30 is 2024-12-30", () => {
    expect(read(capture("Jan 3", ["Dec 30", "Jan 3", "Jan 2 4"]), "2025-01-10T09:00:00Z")).toEqual({
      dumpDate: "2025-01-03",
      dates: ["2024-12-30", "2025-01-03", "2025-01-02"],
    });
  });

  it("GIVEN a dump dated Dec 30 read on 2025-01-02 THEN the dump is from last year, and so is its Dec 29 paper", () => {
    expect(read(capture("Dec 30", ["Dec 29", "Jan 1"]), "2025-01-02T00:00:00Z")).toEqual({
      dumpDate: "2024-12-30",
      dates: ["2024-12-29", "2024-01-01"],
    });
  });

  it("GIVEN a paper date with a year THEN the year is kept, even across the dump's year", () => {
    expect(read(capture("Jan 3", ["Dec 30, 2021", "Mar 1, 2025 9"]), "2025-01-10T00:00:00Z").dates).toEqual([
      "2021-12-30",
      "2025-03-01",
    ]);
  });

  it("GIVEN a dump dated today THEN today is the dump date (not a year earlier)", () => {
    expect(read(capture("Jan 10", ["Jan 10"]), "2025-01-10T23:59:59Z")).toEqual({ dumpDate: "2025-01-10", dates: ["2025-01-10"] });
  });

  it("GIVEN a reference time late in the evening west of UTC THEN the UTC calendar date is the anchor", () => {
    // 2025-01-09 20:30 in New York is already 2025-01-10 in UTC; the process's own zone must not matter.
    const now = new Date("2025-01-09T20:30:00-05:00").toISOString();
    const zone = process.env["TZ"];
    process.env["TZ"] = "America/New_York";
    try {
      expect(new Date(now).getDate()).toBe(9);
      expect(read(capture("Jan 10", ["Jan 10"]), now)).toEqual({ dumpDate: "2025-01-10", dates: ["2025-01-10"] });
    } finally {
      if (zone === undefined) delete process.env["TZ"];
      else process.env["TZ"] = zone;
    }
  });

  it("GIVEN no page date THEN paper dates anchor on the reference time", () => {
    expect(read(capture(null, ["Dec 30", "Jan 9"]), "2025-01-10T00:00:00Z")).toEqual({
      dumpDate: null,
      dates: ["2024-12-30", "2025-01-09"],
    });
  });

  it("GIVEN Feb 29 without a year THEN it is the latest leap day not after the anchor", () => {
    expect(read(capture("Mar 2", ["Feb 29"]), "2025-03-05T00:00:00Z")).toEqual({
      dumpDate: "2025-03-02",
      dates: ["2024-02-29"],
    });
    expect(read(capture("Feb 29", ["Feb 28"]), "2027-06-01T00:00:00Z")).toEqual({
      dumpDate: "2024-02-29",
      dates: ["2024-02-28"],
    });
  });

  it("GIVEN Feb 29 with a year that has none THEN the date is dropped with a warning, not shifted", () => {
    const dump = parse(capture("Mar 2", ["Feb 29, 2023"]), "dated.txt", new Date("2025-03-05T00:00:00Z"));
    expect(dump.papers[0]?.publishedOn).toBeNull();
    expect(dump.warnings).toEqual([{ line: 11, message: expect.stringContaining("does not exist") }]);
  });

  it("GIVEN full and dotted month names THEN they read like the short ones", () => {
    expect(read(capture("December 12", ["Sept 4, 2024 2", "Sep. 5"]), "2025-12-20T00:00:00Z")).toEqual({
      dumpDate: "2025-12-12",
      dates: ["2024-09-04", "2025-09-05"],
    });
  });
});

describe("year inference east of UTC", () => {
  it("GIVEN a dump headed Nov 29 whose file time is 2026-11-28 12:00 UTC THEN it is dated 2026-11-29", () => {
    expect(read(capture("Nov 29", ["Nov 28"]), "2026-11-28T12:00:00Z")).toEqual({ dumpDate: "2026-11-29", dates: ["2026-11-28"] });
  });

  it("GIVEN dumps of the same week with different file times THEN the same month and day resolve alike", () => {
    const times = ["2026-11-27T09:00:00Z", "2026-11-28T12:00:00Z", "2026-11-29T00:00:00Z", "2026-12-02T18:00:00Z", "2026-12-04T23:00:00Z"];
    const dated = times.map((time) => read(capture("Nov 29", ["Nov 27", "Nov 29"]), time));
    for (const dump of dated) expect(dump).toEqual({ dumpDate: "2026-11-29", dates: ["2026-11-27", "2026-11-29"] });
  });

  it("GIVEN a page date three days ahead of the file time THEN it is last year's (the slack is two days)", () => {
    expect(read(capture("Dec 1", ["Nov 30"]), "2026-11-28T12:00:00Z")).toEqual({ dumpDate: "2025-12-01", dates: ["2025-11-30"] });
  });

  it("GIVEN a page date past the new year of its file time THEN parse says the year was decided at the boundary", () => {
    const dump = parse(capture("Jan 1", ["Dec 30", "Jan 1"]), "dated.txt", new Date("2025-12-31T20:00:00Z"));
    expect(dump.dumpDate).toBe("2026-01-01");
    expect(dump.papers.map((p) => p.publishedOn)).toEqual(["2025-12-30", "2026-01-01"]);
    expect(dump.warnings).toEqual([
      { line: 3, message: 'the page date "Jan 1" has no year: read as 2026-01-01, across the new year from the file time 2025-12-31' },
    ]);
  });

  it("GIVEN no page date and papers dated past the new year of the file time THEN one warning per printed date", () => {
    const dump = parse(capture(null, ["Jan 1", "Dec 30", "Jan 1"]), "dated.txt", new Date("2025-12-31T20:00:00Z"));
    expect(dump.papers.map((p) => p.publishedOn)).toEqual(["2026-01-01", "2025-12-30", "2026-01-01"]);
    expect(dump.warnings).toEqual([
      { line: 9, message: '"Jan 1" has no year: read as 2026-01-01, across the new year from the file time 2025-12-31' },
    ]);
  });

  it("GIVEN year-less dates far from any new year THEN there is no boundary warning", () => {
    expect(parse(capture("Jun 10", ["Jun 1", "Mar 3"]), "dated.txt", new Date("2026-06-10T12:00:00Z")).warnings).toEqual([]);
  });
});

describe("resolvePageDate", () => {
  it.each([
    [{ month: 1, day: 3, year: null }, "2025-01-10", "2025-01-03"],
    [{ month: 12, day: 30, year: null }, "2025-01-03", "2024-12-30"],
    [{ month: 2, day: 29, year: null }, "2104-03-01", "2104-02-29"],
    [{ month: 2, day: 29, year: null }, "2103-03-01", "2096-02-29"],
    [{ month: 2, day: 29, year: 2024 }, "2000-01-01", "2024-02-29"],
    [{ month: 2, day: 29, year: 2100 }, "2000-01-01", null],
  ])("GIVEN %o anchored on %s THEN it is %s", (date, anchor, expected) => {
    expect(resolvePageDate(date, anchor)).toBe(expected);
  });

  it("GIVEN an instant THEN its UTC calendar date is used", () => {
    expect(utcIsoDate(new Date("2024-12-31T23:30:00-02:00"))).toBe("2025-01-01");
  });
});
