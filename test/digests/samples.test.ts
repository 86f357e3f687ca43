import { describe, expect, it } from "vitest";
import { METADATA_PATTERN, REFERENCE_TIME, SAMPLE_NAMES, parseFixture, titles } from "./helpers.js";

const [S000, S001, S002, S003] = SAMPLE_NAMES.map((name) => `samples/${name}`) as [string, string, string, string];

describe("the four sample captures", () => {
  it.each([
    [S000, 5, "2025-11-24"],
    [S001, 55, "2025-12-12"],
    [S002, 41, "2025-12-11"],
    [S003, 16, "2025-03-11"],
  ])("GIVEN %s THEN it parses to %i papers dated %s, with no warnings", (name, count, dumpDate) => {
    const dump = parseFixture(name);
    expect(dump.format).toBe("hf-daily-text");
    expect(dump.papers).toHaveLength(count);
    expect(dump.dumpDate).toBe(dumpDate);
    expect(dump.warnings).toEqual([]);
  });

  it("GIVEN any sample THEN no title or abstract holds a metadata line, and titles are single short lines", () => {
    for (const name of [S000, S001, S002, S003]) {
      for (const paper of parseFixture(name).papers) {
        expect(paper.title).not.toMatch(METADATA_PATTERN);
        expect(paper.abstract).not.toMatch(/(?:^|\s)(?:•|·)(?:\s|$)|\d+ authors$/u);
        expect(paper.title.length).toBeLessThan(300);
        expect(paper.abstract.length).toBeGreaterThan(1000);
        expect(paper.abstract).not.toMatch(/\s{2}|\n/u);
      }
    }
  });

  it("GIVEN sample 000 THEN the first paper is Gated Linear Attention with 5 authors, 2023-12-11, 2 upvotes", () => {
    const [first] = parseFixture(S000).papers;
    expect(first).toMatchObject({
      title: "Gated Linear Attention Transformers with Hardware-Efficient Training",
      authorCount: 5,
      authors: [],
      organization: null,
      organizationHandle: null,
      publishedOn: "2023-12-11",
      upvotes: 2,
      line: 13,
      arxivId: null,
      aiSummary: null,
      aiKeywords: [],
      githubRepo: null,
      projectPage: null,
    });
    expect(first?.abstract).toMatch(/^Transformers with linear attention allow .* beyond 4096\.$/u);
  });

  it("GIVEN sample 000 dated Nov 24 THEN year-less paper dates fall in the same year, and years given are kept", () => {
    const papers = parseFixture(S000).papers;
    expect(papers.map((paper) => [paper.publishedOn, paper.upvotes, paper.authorCount])).toEqual([
      ["2023-12-11", 2, 5],
      ["2025-03-08", 0, 12],
      ["2025-01-12", 0, 11],
      ["2023-07-12", 0, 7],
      ["2023-11-01", 0, 3],
    ]);
  });

  it("GIVEN sample 001 THEN the OpenBMB paper keeps organisation and handle apart", () => {
    const paper = parseFixture(S001).papers.find((candidate) => candidate.title.startsWith("Configurable Foundation Models"));
    expect(paper).toMatchObject({
      title: "Configurable Foundation Models: Building LLMs from a Modular Perspective",
      organization: "OpenBMB",
      organizationHandle: "openbmb",
      authorCount: null,
      publishedOn: "2024-09-04",
      upvotes: 2,
      line: 69,
    });
  });

  it("GIVEN sample 001 THEN the Gensyn paper has organisation Gensyn and a year inferred from Dec 12", () => {
    const paper = parseFixture(S001).papers.find((candidate) => candidate.title.startsWith("All is Not Lost"));
    expect(paper).toMatchObject({ organization: "Gensyn", organizationHandle: "Gensyn", publishedOn: "2025-06-18", upvotes: 3 });
  });

  it("GIVEN sample 001 THEN exactly the four papers without a metadata block have no date", () => {
    const bare = parseFixture(S001).papers.filter((paper) => paper.publishedOn === null);
    expect(bare.map((paper) => [paper.title, paper.authorCount, paper.upvotes])).toEqual([
      ["Sparser Block-Sparse Attention via Token Permutation", null, 0],
      ["Identifying and Exploiting Sparse Branch Correlations for Optimizing Branch Prediction", null, 0],
      ["PSA: Pyramid Sparse Attention for Efficient Video Understanding and Generation", null, 0],
      ["From Next-Token to Next-Block: A Principled Adaptation Path for Diffusion LLMs", null, 0],
    ]);
  });

  it("GIVEN sample 001 THEN the paper after a bare one starts at its own title", () => {
    const dump = parseFixture(S001);
    const index = titles(dump).indexOf("Sparser Block-Sparse Attention via Token Permutation");
    expect(dump.papers[index + 1]).toMatchObject({
      title: "FlashRNN: Optimizing Traditional RNNs on Modern Hardware",
      authorCount: 3,
      publishedOn: "2024-12-10",
      line: 177,
    });
  });

  it("GIVEN sample 002 THEN upvotes after a full date and a year-less date are read", () => {
    const papers = parseFixture(S002).papers;
    expect(papers.find((paper) => paper.title.startsWith("Addition is All You Need"))).toMatchObject({
      publishedOn: "2024-10-01",
      upvotes: 17,
    });
    expect(papers.find((paper) => paper.title.startsWith("Why Can't Transformers"))).toMatchObject({
      publishedOn: "2025-09-30",
      upvotes: 3,
    });
    expect(papers.at(-1)).toMatchObject({ title: "Learning to Normalize on the SPD Manifold under Bures-Wasserstein Geometry", publishedOn: "2025-04-01" });
  });

  it("GIVEN sample 003 without any metadata THEN each paper is a title and an abstract, nothing more", () => {
    const dump = parseFixture(S003);
    expect(dump.papers.every((paper) => paper.publishedOn === null && paper.authorCount === null && paper.upvotes === 0)).toBe(true);
    expect(titles(dump).slice(0, 3)).toEqual([
      "SMASH: Sparse Matrix Atomic Scratchpad Hashing",
      "EcoFormer: Energy-Saving Attention with Linear Complexity",
      "Mixed Neural Voxels for Fast Multi-view Video Synthesis",
    ]);
    expect(dump.papers.at(-1)?.title).toBe("Measuring the Intrinsic Dimension of Objective Landscapes");
    expect(dump.papers.at(-1)?.abstract).toMatch(/by more than 100 times\.$/u);
  });

  it("GIVEN sample 001 read in early 2026 THEN Dec 12 is still 2025 and Jul 3 follows it", () => {
    const dump = parseFixture(S001, new Date("2026-01-05T00:00:00Z"));
    expect(dump.dumpDate).toBe("2025-12-12");
    expect(dump.papers[0]?.publishedOn).toBe("2025-07-03");
  });

  it("GIVEN the same sample twice THEN the result is identical (no hidden state)", () => {
    expect(parseFixture(S002, REFERENCE_TIME)).toEqual(parseFixture(S002, REFERENCE_TIME));
  });
});
