import { describe, expect, it } from "vitest";
import type { PaperDraft } from "../../src/digests/index.js";
import { fixtureText, parse } from "./helpers.js";

/** The small capture's page date is Jan 3; read a week later, it is 2025-01-03. */
const READ_ON = new Date("2025-01-10T08:00:00Z");
const BASE = fixtureText("capture-small.txt");

function read(text: string): ReturnType<typeof parse> {
  return parse(text, "capture-small.txt", READ_ON);
}

function withoutLines(papers: PaperDraft[]): Omit<PaperDraft, "line">[] {
  return papers.map(({ line: _line, ...rest }) => rest);
}

const base = read(BASE);

describe("a small, clean capture", () => {
  it("GIVEN the clean capture THEN it has four papers, no warnings, and the page date in the right year", () => {
    expect(base.dumpDate).toBe("2025-01-03");
    expect(base.warnings).toEqual([]);
    expect(base.papers.map((paper) => [paper.line, paper.publishedOn, paper.upvotes, paper.authorCount])).toEqual([
      [13, "2024-12-30", 2, 5],
      [24, "2024-09-04", 12, null],
      [32, null, 0, null],
      [36, "2025-01-03", 1, 11],
    ]);
  });

  it("GIVEN a hard-wrapped title and abstract THEN their lines are rejoined with single spaces", () => {
    expect(base.papers[0]?.title).toBe("Gated Linear Attention Transformers with Hardware-Efficient Training");
    expect(base.papers[0]?.abstract).toBe(
      "Transformers with linear attention allow for efficient parallel training but can simultaneously be formulated as " +
        "an RNN with 2D (matrix-valued) hidden states, thus enjoying linear (with respect to output length) inference complexity.",
    );
  });

  it("GIVEN an organisation line THEN display name and handle are kept apart", () => {
    expect(base.papers[1]).toMatchObject({ organization: "OpenBMB", organizationHandle: "openbmb", authorCount: null });
  });

  it("GIVEN a paper without a metadata block THEN the next title starts a new paper", () => {
    expect(base.papers[2]).toMatchObject({
      title: "Sparser Block-Sparse Attention via Token Permutation",
      publishedOn: null,
      authorCount: null,
      organization: null,
      upvotes: 0,
    });
    expect(base.papers[3]?.title).toBe("Leveraging ASIC AI Chips for Homomorphic Encryption");
  });
});

describe("whitespace and encoding noise", () => {
  it("GIVEN a dump with CRLF THEN titles are intact and nothing else changes", () => {
    const dump = read(BASE.replaceAll("\n", "\r\n"));
    expect(dump).toEqual(base);
    expect(dump.papers.every((paper) => !/\r/u.test(paper.title + paper.abstract))).toBe(true);
  });

  it("GIVEN a dump with old Mac CR line ends THEN it reads like the LF one", () => {
    expect(read(BASE.replaceAll("\n", "\r"))).toEqual(base);
  });

  it("GIVEN a dump with a UTF-8 BOM THEN the header and titles are unaffected", () => {
    expect(read(`\uFEFF${BASE}`)).toEqual(base);
  });

  it("GIVEN non-breaking spaces everywhere THEN metadata is still recognised and text uses plain spaces", () => {
    const dump = read(BASE.replaceAll(" ", "\u00A0"));
    expect(dump).toEqual(base);
  });

  it("GIVEN other Unicode spaces (thin, narrow, ideographic, zero-width) THEN they read as spaces", () => {
    const noisy = BASE.replace("Jan 3\n", "Jan\u20093\n")
      .replace("Dec 30 2", "Dec\u202F30\u30002")
      .replace("Gated Linear", "Gated\u2007Linear\u200B");
    expect(read(noisy)).toEqual(base);
  });

  it("GIVEN tabs for indentation and between words THEN they read as spaces", () => {
    const tabbed = BASE.replaceAll("  • ", "\t• ").replace("Sep 4, 2024 12", "Sep\t4,\t2024\t12").replace("Linear Attention", "Linear\tAttention");
    expect(read(tabbed)).toEqual(base);
  });

  it("GIVEN trailing spaces on every line THEN nothing changes", () => {
    expect(read(BASE.replaceAll("\n", "   \n"))).toEqual(base);
  });

  it("GIVEN several blank lines between paragraphs THEN papers are the same, at their new lines", () => {
    const spread = read(BASE.replaceAll("\n\n", "\n\n\n\n"));
    expect(withoutLines(spread.papers)).toEqual(withoutLines(base.papers));
    expect(spread.warnings).toEqual([]);
  });

  it("GIVEN blank lines made only of spaces and tabs THEN they separate paragraphs", () => {
    expect(read(BASE.replaceAll("\n\n", "\n \t \n"))).toEqual(base);
  });

  it("GIVEN CRLF, a BOM, NBSPs, tabs and trailing spaces at once THEN the papers are unchanged", () => {
    const messy = `\uFEFF${BASE.replaceAll("  • ", "\t•\u00A0").replaceAll("\n", " \t\r\n")}`;
    expect(read(messy)).toEqual(base);
  });
});

describe("a missing page header", () => {
  it("GIVEN no header lines but the page date THEN the papers are the same", () => {
    const headless = BASE.slice(BASE.indexOf("Jan 3\n"));
    const dump = read(headless);
    expect(dump.dumpDate).toBe("2025-01-03");
    expect(withoutLines(dump.papers)).toEqual(withoutLines(base.papers));
  });

  it("GIVEN only some header lines THEN they are skipped all the same", () => {
    const partial = BASE.replace("Get trending papers in your email inbox!\n\n", "").replace("Daily Papers\n\n", "");
    expect(withoutLines(read(partial).papers)).toEqual(withoutLines(base.papers));
  });

  it("GIVEN neither header nor page date THEN dates anchor on the reference time", () => {
    const dump = read(BASE.slice(BASE.indexOf("Gated Linear")));
    expect(dump.dumpDate).toBeNull();
    expect(dump.papers.map((paper) => paper.publishedOn)).toEqual(["2024-12-30", "2024-09-04", null, "2025-01-03"]);
  });

  it("GIVEN header lines repeated inside the list THEN they are ignored with a warning", () => {
    const repeated = BASE.replace("Sparser Block-Sparse", "Subscribe\n\nDaily Papers\n\nSparser Block-Sparse");
    const dump = read(repeated);
    expect(withoutLines(dump.papers)).toEqual(withoutLines(base.papers));
    expect(dump.warnings.map((warning) => warning.message)).toEqual([
      'page header line "Subscribe" inside the paper list; ignored',
      'page header line "Daily Papers" inside the paper list; ignored',
    ]);
  });
});

describe("metadata variants", () => {
  it("GIVEN upvotes abbreviated as 1.2k and a singular author THEN they are read as 1200 and 1", () => {
    const dump = read(BASE.replace("Dec 30 2", "Dec 30 1.2k").replace("• 5 authors", "• 1 author"));
    expect(dump.papers[0]).toMatchObject({ upvotes: 1200, authorCount: 1, publishedOn: "2024-12-30" });
  });

  it("GIVEN a date with its year but no comma THEN the year is read as a year, not upvotes", () => {
    const dump = read(BASE.replace("Sep 4, 2024 12", "Sep 4 2024 12"));
    expect(dump.papers[1]).toMatchObject({ publishedOn: "2024-09-04", upvotes: 12 });
  });

  it("GIVEN the `·` line missing everywhere THEN dates and counts are still read", () => {
    expect(withoutLines(read(BASE.replaceAll("·\n", "")).papers)).toEqual(withoutLines(base.papers));
  });
});

