import { describe, expect, it } from "vitest";
import { SUMMARY_MAX_CHARS, splitSentences, summarize, truncateAtWord } from "../../src/papers/index.js";
import { distinctSamplePapers, samplePaper } from "./samples.js";

const length = (text: string): number => Array.from(text).length;

describe("splitSentences", () => {
  it("GIVEN e.g., i.e., et al., vs., Fig., Eq., U.S. and decimals THEN sentences are not split inside them", () => {
    const abstract =
      "Prior work (Sun et al. 2023) relies on e.g. RNNs with 1.8% gains. We propose FooNet, i.e. a network " +
      "compared vs. baselines in Fig. 2 and Eq. 3 on U.S. data. It improves accuracy by 3.5x over ResNet-50.";
    expect(splitSentences(abstract)).toEqual([
      "Prior work (Sun et al. 2023) relies on e.g. RNNs with 1.8% gains.",
      "We propose FooNet, i.e. a network compared vs. baselines in Fig. 2 and Eq. 3 on U.S. data.",
      "It improves accuracy by 3.5x over ResNet-50.",
    ]);
  });

  it("GIVEN a sentence ending in a lone letter, a bracket or a question mark THEN it is split there", () => {
    expect(splitSentences("The cost grows with N. We fix it (see below). Why? Because it works!")).toEqual([
      "The cost grows with N.",
      "We fix it (see below).",
      "Why?",
      "Because it works!",
    ]);
  });

  it("GIVEN hard-wrapped text and URLs THEN lines are joined and URLs stay whole", () => {
    expect(splitSentences("Code at https://github.com/a/b.c for\n  all.\r\nWe are done.")).toEqual([
      "Code at https://github.com/a/b.c for all.",
      "We are done.",
    ]);
  });
});

describe("summarize", () => {
  it("GIVEN an empty or blank abstract THEN the summary is empty", () => {
    expect(summarize("")).toBe("");
    expect(summarize(" \n\t ")).toBe("");
  });

  it(`GIVEN every sample abstract THEN the TL;DR is non-empty, at most ${SUMMARY_MAX_CHARS} characters and deterministic`, () => {
    const papers = distinctSamplePapers();
    expect(papers).toHaveLength(102);
    for (const paper of papers) {
      const summary = summarize(paper.abstract);
      expect(summary.length).toBeGreaterThan(40);
      expect(length(summary)).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
      expect(summarize(paper.abstract)).toBe(summary);
      const words = new Set(paper.abstract.split(/\s+/u));
      expect(summary.replace(/…$/u, "").split(" ").filter((word) => !words.has(word))).toEqual([]);
    }
  });

  it("GIVEN the ASIC homomorphic-encryption abstract THEN the TL;DR states its contribution", () => {
    const summary = summarize(samplePaper("Leveraging ASIC AI Chips for Homomorphic Encryption").abstract);
    expect(summary).toMatch(/HE primitives can be converted to AI operators|CROSS compiler/u);
  });

  it("GIVEN the CROMA abstract THEN the TL;DR is its 'We present CROMA' sentence", () => {
    const summary = summarize(samplePaper("CROMA: Remote Sensing Representations with Contrastive Radar-Optical Masked Autoencoders").abstract);
    expect(summary).toMatch(/^We present CROMA: a framework that combines contrastive and reconstruction/u);
  });

  it("GIVEN the SMASH abstract THEN the contribution and the headline number are both in the TL;DR, in order", () => {
    const summary = summarize(samplePaper("SMASH: Sparse Matrix Atomic Scratchpad Hashing").abstract);
    expect(summary).toBe(
      "In this thesis, we introduce a novel SpGEMM kernel implementation based on the row-wise product approach. " +
        "Our SpGEMM kernel can achieve 9.4x speedup as compared to competing approaches.",
    );
  });

  it("GIVEN 'this paper introduces' or 'X is a …' THEN that sentence is chosen over background", () => {
    expect(summarize("Graphs are everywhere. This paper introduces GraphX for graphs. Graphs are hard.")).toBe(
      "This paper introduces GraphX for graphs.",
    );
    expect(summarize("Vectors are common. QMCPy is a Python library for sampling. It is used widely.")).toBe(
      "QMCPy is a Python library for sampling.",
    );
  });

  it("GIVEN no contribution sentence THEN the headline result stands alone, else the first sentence", () => {
    expect(summarize("Speed matters. Our kernel outperforms cuBLAS by 2.1x on A100. Thanks.")).toBe(
      "Our kernel outperforms cuBLAS by 2.1x on A100.",
    );
    expect(summarize("Speed matters a lot. Nothing else is said here.")).toBe("Speed matters a lot.");
  });

  it("GIVEN a contribution sentence longer than the limit THEN it is cut at a word and ends with an ellipsis", () => {
    const long = `We propose ${"a remarkably efficient and carefully engineered method ".repeat(8)}for everything.`;
    const summary = summarize(`Background first. ${long} It works.`);
    expect(length(summary)).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(summary.endsWith("…")).toBe(true);
    const kept = summary.slice(0, -1);
    expect(long.startsWith(kept)).toBe(true);
    expect(long.charAt(kept.length)).toBe(" ");
  });

  it("GIVEN text with astral characters THEN truncation counts code points and never splits one", () => {
    const cut = truncateAtWord(`${"𝔸𝔹 ".repeat(50)}end`, 20);
    expect(length(cut)).toBeLessThanOrEqual(20);
    expect(cut).toMatch(/^(𝔸𝔹 ?)+…$/u);
  });
});
