import { describe, expect, it } from "vitest";
import { normalizeArxivId } from "../../src/digests/index.js";
import { fixtureText, parse, parseError, parseFixture } from "./helpers.js";

describe("Hugging Face daily_papers JSON", () => {
  const dump = parseFixture("daily-papers.json");

  it("GIVEN a daily_papers array THEN it is hf-daily-json with one paper per entry, dated by the most common day", () => {
    expect(dump.format).toBe("hf-daily-json");
    expect(dump.papers).toHaveLength(3);
    expect(dump.dumpDate).toBe("2025-01-13");
    expect(dump.warnings).toEqual([]);
  });

  it("GIVEN the ASIC paper THEN every field maps, and the title matches the text captures' title", () => {
    const text = parseFixture("samples/002_cf852956067276ef.txt").papers[0];
    const [paper] = dump.papers;
    expect(paper).toMatchObject({
      title: text?.title,
      arxivId: "2501.07047",
      authorCount: 11,
      publishedOn: "2025-01-12",
      upvotes: 7,
      organization: "Google",
      organizationHandle: "google",
      githubRepo: "https://github.com/google/jaxite",
      projectPage: null,
      aiKeywords: ["homomorphic encryption", "TPU", "Barrett reduction", "matrix engine"],
      line: 1,
    });
    expect(paper?.authors.slice(0, 3)).toEqual(["Jianming Tong", "Tianhao Huang", "Leo de Castro"]);
    expect(paper?.aiSummary).toMatch(/^CROSS maps homomorphic encryption/u);
  });

  it("GIVEN a hard-wrapped summary THEN the abstract is whitespace-collapsed and equals the text capture's", () => {
    const text = parseFixture("samples/002_cf852956067276ef.txt").papers[0];
    const [raw] = JSON.parse(fixtureText("daily-papers.json")) as { paper: { summary: string } }[];
    expect(raw?.paper.summary).toContain("\n");
    expect(dump.papers[0]?.abstract).toBe(text?.abstract);
    expect(dump.papers[0]?.abstract).not.toMatch(/\n|\s{2}/u);
  });

  it("GIVEN an organisation only inside the paper THEN display name and handle come from it", () => {
    expect(dump.papers[1]).toMatchObject({ organization: "OpenBMB", organizationHandle: "openbmb", authorCount: 23, upvotes: 2 });
  });

  it("GIVEN optional fields absent THEN they are null or empty, never undefined", () => {
    expect(dump.papers[2]).toMatchObject({
      arxivId: "2312.06635",
      organization: null,
      organizationHandle: null,
      aiSummary: null,
      aiKeywords: [],
      githubRepo: null,
      projectPage: "https://github.com/fla-org/flash-linear-attention",
      line: 3,
    });
  });

  it("GIVEN an entry missing its title THEN it is skipped with a warning and the rest are read", () => {
    const partial = parseFixture("daily-papers-missing-title.json");
    expect(partial.papers.map((paper) => paper.arxivId)).toEqual(["2501.07047", "2312.06635"]);
    expect(partial.warnings).toEqual([{ line: 2, message: "entry 2 has no title; skipped" }]);
  });

  it("GIVEN entries of the wrong shape THEN each is skipped with a warning naming the field", () => {
    const entries = JSON.parse(fixtureText("daily-papers.json")) as { paper: Record<string, unknown> }[];
    const [first, second, third] = entries;
    if (first === undefined || second === undefined || third === undefined) throw new Error("fixture changed");
    first.paper["authors"] = "many";
    const result = parse(JSON.stringify([first, "not an object", second, { paper: { ...third.paper, summary: "  " } }]), "shape.json");
    expect(result.papers.map((paper) => paper.line)).toEqual([3]);
    expect(result.warnings).toEqual([
      { line: 1, message: expect.stringContaining("paper.authors") },
      { line: 2, message: expect.stringContaining("not a daily paper") },
      { line: 4, message: "entry 4 has no summary; skipped" },
    ]);
  });

  it("GIVEN an outer title when the paper has none THEN the outer title is used", () => {
    const entries = JSON.parse(fixtureText("daily-papers.json")) as { paper: Record<string, unknown> }[];
    const [first] = entries;
    if (first === undefined) throw new Error("fixture changed");
    delete first.paper["title"];
    expect(parse(JSON.stringify([first]), "outer.json").papers[0]?.title).toBe("Leveraging ASIC AI Chips for Homomorphic Encryption");
  });

  it("GIVEN every entry unusable THEN DUMP_NO_PAPERS", () => {
    expect(parseError(JSON.stringify([{ paper: { id: "2501.00001" } }]), "none.json")).toMatchObject({
      code: "DUMP_NO_PAPERS",
      where: "none.json",
    });
    expect(parseError("[]", "empty-array.json").code).toBe("DUMP_NO_PAPERS");
  });
});

describe("Hugging Face paper JSON", () => {
  it("GIVEN a single /api/papers object THEN it is one hf-paper-json paper and no dump date", () => {
    const dump = parseFixture("paper.json");
    expect(dump.format).toBe("hf-paper-json");
    expect(dump.dumpDate).toBeNull();
    expect(dump.papers).toHaveLength(1);
    expect(dump.papers[0]).toMatchObject({ arxivId: "2501.07047", authorCount: 11, publishedOn: "2025-01-12", upvotes: 7, line: 1 });
  });

  it("GIVEN an array of paper objects THEN versions are stripped and old-style ids kept", () => {
    const dump = parseFixture("papers.json");
    expect(dump.format).toBe("hf-paper-json");
    expect(dump.papers.map((paper) => [paper.arxivId, paper.authorCount, paper.publishedOn])).toEqual([
      ["2312.06635", 5, "2023-12-11"],
      ["hep-th/9711200", 1, "1997-11-27"],
    ]);
  });

  it("GIVEN an id that is not an arXiv id THEN arxivId is null with a warning, and the paper is kept", () => {
    const dump = parse(JSON.stringify({ id: "not-an-id", title: "T", summary: "S.", publishedAt: "yesterday" }), "odd.json");
    expect(dump.papers[0]).toMatchObject({ arxivId: null, publishedOn: null, authorCount: null, upvotes: 0 });
    expect(dump.warnings.map((warning) => warning.message)).toEqual([
      expect.stringContaining("unreadable publishedAt"),
      expect.stringContaining("not an arXiv id"),
    ]);
  });

  it.each([
    ["2401.12345", "2401.12345"],
    ["2401.12345v2", "2401.12345"],
    ["0704.0001", "0704.0001"],
    ["arXiv:2401.1234v10", "2401.1234"],
    ["hep-th/9901001", "hep-th/9901001"],
    ["math.GT/0309136v1", "math.GT/0309136"],
    ["2401.123", null],
    ["24011.12345", null],
    ["hep-th/990100", null],
    ["", null],
  ])("GIVEN id %j THEN the arXiv id is %j", (id, expected) => {
    expect(normalizeArxivId(id)).toBe(expected);
  });
});

describe("JSON that cannot be read", () => {
  it("GIVEN a syntax error on line 11 THEN DUMP_INVALID_JSON names that line", () => {
    const error = parseError(fixtureText("invalid.json"), "invalid.json");
    expect(error).toMatchObject({ code: "DUMP_INVALID_JSON", where: "invalid.json:11" });
  });

  it("GIVEN JSON cut short THEN DUMP_INVALID_JSON names the last line", () => {
    expect(parseError('[\n  {"paper": {\n', "cut.json")).toMatchObject({ code: "DUMP_INVALID_JSON", where: "cut.json:3" });
  });

  it("GIVEN JSON of another shape THEN DUMP_UNKNOWN_FORMAT", () => {
    expect(parseError('{"papers": []}', "other.json")).toMatchObject({ code: "DUMP_UNKNOWN_FORMAT", where: "other.json" });
    expect(parseError("[1, 2, 3]", "numbers.json").code).toBe("DUMP_UNKNOWN_FORMAT");
  });

  it("GIVEN JSON with a BOM and leading blank lines THEN it is still detected by content", () => {
    expect(parse(`\uFEFF\n\n  ${fixtureText("paper.json")}`, "paper.txt").format).toBe("hf-paper-json");
  });

  it("GIVEN a 5 MB single-line JSON array THEN it reads (the line limit is for text dumps)", () => {
    const entry = JSON.parse(fixtureText("papers.json")) as unknown[];
    const many = Array.from({ length: 3500 }, () => entry[0]);
    const text = JSON.stringify(many);
    expect(text.length).toBeGreaterThan(5_000_000);
    expect(parse(text, "minified.json").papers).toHaveLength(3500);
  });
});
