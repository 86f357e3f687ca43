import { describe, expect, it } from "vitest";
import { fixtureText, parse, parseError } from "./helpers.js";

const NOW = new Date("2025-12-15T12:00:00Z");

function paperObject(fields: Record<string, unknown>): string {
  return JSON.stringify({ title: "A Paper", summary: "An abstract of the paper.", ...fields });
}

describe("JSON upvote counts no page can have", () => {
  it.each([
    ["1e308", "1e308"],
    ["2^53+1", "9007199254740993"],
    ["1e999 (Infinity)", "1e999"],
    ["a negative", "-4"],
    ["a fraction", "2.5"],
    ["a string", '"many"'],
  ])("GIVEN upvotes of %s THEN the paper is kept with 0 upvotes and a warning", (_, raw) => {
    const text = paperObject({ upvotes: "@" }).replace('"@"', raw);
    const dump = parse(text, "votes.json", NOW);
    expect(dump.papers).toHaveLength(1);
    expect(dump.papers[0]?.upvotes).toBe(0);
    expect(dump.warnings).toEqual([{ line: 1, message: expect.stringMatching(/^entry 1 has an unusable upvotes value .+; counted as 0$/u) }]);
  });

  it("GIVEN a daily_papers array with a hostile count in one entry THEN every entry is kept and the others' counts stand", () => {
    const entries = JSON.parse(fixtureText("daily-papers.json")) as { paper: Record<string, unknown> }[];
    const text = JSON.stringify(entries).replace('"upvotes":7', '"upvotes":"@"').replace('"@"', "1e999");
    const dump = parse(text, "daily.json", NOW);
    expect(dump.papers.map((paper) => paper.upvotes)).toEqual([0, 2, expect.any(Number)]);
    expect(dump.warnings.map((w) => w.message)).toEqual(["entry 1 has an unusable upvotes value Infinity; counted as 0"]);
  });

  it("GIVEN every entry unusable THEN the error says why they were skipped", () => {
    const error = parseError(JSON.stringify([{ title: "No summary" }, { summary: "No title." }, "text"]), "bad.json");
    expect(error.code).toBe("DUMP_NO_PAPERS");
    expect(error.message).toContain("3 entries skipped: entry 1 has no summary; entry 2 has no title; entry 3 is not a paper");
  });
});

describe("years no page can print", () => {
  it.each(["2099", "2999", "0000"])("GIVEN a JSON publishedAt in %s THEN it is flagged and not used", (year) => {
    const dump = parse(paperObject({ publishedAt: `${year}-03-01T00:00:00Z` }), "years.json", NOW);
    expect(dump.papers[0]?.publishedOn).toBeNull();
    expect(dump.warnings.map((w) => w.message)).toEqual([`entry 1 has a publishedAt with an implausible year, ${year}-03-01; ignored`]);
  });

  it("GIVEN daily entries featured in 2999 THEN the dump date comes only from the plausible ones", () => {
    const entries = JSON.parse(fixtureText("daily-papers.json")) as Record<string, unknown>[];
    const forged = entries.map((entry, i) => (i === 0 ? entry : { ...entry, publishedAt: "2999-01-01T00:00:00.000Z" }));
    const dump = parse(JSON.stringify(forged), "featured.json", NOW);
    expect(dump.dumpDate).toBe("2025-01-13");
    expect(dump.warnings.filter((w) => w.message.includes("implausible year"))).toHaveLength(2);
  });

  function capture(pageDate: string, paperDate: string): string {
    return `Daily Papers\n\n${pageDate}\n\nA Paper Title\n\nAn abstract for the paper, long enough to read as prose.\n\n  • 3 authors\n·\n${paperDate}\n`;
  }

  it.each(["2099", "2999", "0000"])("GIVEN a text paper dated Sep 4, %s THEN the date is flagged and ignored", (year) => {
    const dump = parse(capture("Dec 12", `Sep 4, ${year} 7`), "dated.txt", NOW);
    expect(dump.papers[0]).toMatchObject({ publishedOn: null, upvotes: 7 });
    expect(dump.warnings.map((w) => w.message)).toEqual([`the paper's date ${year}-09-04 has an implausible year; ignored`]);
  });

  it("GIVEN a page date printed with year 2099 THEN its year comes from the file time, and so do its papers' years", () => {
    const dump = parse(capture("Dec 12, 2099", "Sep 4"), "page.txt", NOW);
    expect(dump.dumpDate).toBe("2025-12-12");
    expect(dump.papers[0]?.publishedOn).toBe("2025-09-04");
    expect(dump.warnings.map((w) => w.message)).toEqual([
      "the page date 2099-12-12 has an implausible year; its year is inferred from the file time instead",
    ]);
  });

  it("GIVEN Sep 4 followed by a bare 2999 THEN it is still read as 2999 upvotes, not a year", () => {
    const dump = parse(capture("Dec 12", "Sep 4 2999"), "votes.txt", NOW);
    expect(dump.papers[0]).toMatchObject({ publishedOn: "2025-09-04", upvotes: 2999 });
    expect(dump.warnings).toEqual([]);
  });
});
