import { describe, expect, it } from "vitest";
import { SUMMARY_MAX_CHARS, splitSentences, summarize, truncateAtWord } from "../../src/papers/index.js";
import { methodNames } from "../../src/papers/lead-in.js";
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
      // Extractive: every word is the abstract's; only a trimmed lead-in may have capitalised the first.
      const [first = "", ...rest] = summary.replace(/…$/u, "").split(" ");
      const firstWord = words.has(first) ? first : first.charAt(0).toLowerCase() + first.slice(1);
      expect([firstWord, ...rest].filter((word) => !words.has(word))).toEqual([]);
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
      "We introduce a novel SpGEMM kernel implementation based on the row-wise product approach. " +
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

/**
 * What "starts at the claim" means, counted honestly: the TL;DR's first word is "We", it opens
 * with "This paper/work/study/thesis/article", or its first word is the method's name — an acronym
 * or CamelCase word (`CROMA`, `BlockLLM`, `QMCPy`) that appears as a word of the title.
 */
function startsAtClaim(tldr: string, title: string): boolean {
  if (/^We\b/u.test(tldr) || /^This (paper|work|study|thesis|article)\b/u.test(tldr)) return true;
  const first = (tldr.split(/\s+/u)[0] ?? "").replace(/(?:[:,;.]|'s)+$/u, "");
  const titleWords = new Set(title.split(/[\s,:;()[\]]+/u));
  return titleWords.has(first) && /^(?=\S*\p{Lu}\S*\p{Lu}|\p{Ll}+\p{Lu})/u.test(first);
}

describe("TL;DRs that start at the claim", () => {
  it("GIVEN the seed papers THEN at least 90% of TL;DRs start with the method's name, We … or This paper …", () => {
    const papers = distinctSamplePapers();
    const misses = papers.map((p) => summarize(p.abstract, p.title)).filter((tldr, i) => !startsAtClaim(tldr, papers[i]?.title ?? ""));
    expect(misses.length / papers.length).toBeLessThanOrEqual(0.1);
  });

  it("GIVEN the counting criterion THEN it refuses lead-ins, topic words and capitalised words absent from the title", () => {
    expect(startsAtClaim("In this paper, we propose X.", "X")).toBe(false);
    expect(startsAtClaim("To address these issues, we propose X.", "X")).toBe(false);
    expect(startsAtClaim("Quantization is a widely-used technology.", "Quantization for LLMs")).toBe(false);
    expect(startsAtClaim("COMET achieves 2.88x.", "FlexQ: INT6 quantization")).toBe(false);
    expect(startsAtClaim("COMET achieves 2.88x.", "COMET: Towards W4A4KV4 LLMs Serving")).toBe(true);
  });

  it.each([
    ["In this paper, we propose GraphX for graphs.", "We propose GraphX for graphs."],
    ["To address these issues, we propose GraphX, a graph engine.", "We propose GraphX, a graph engine."],
    ["To this end, we introduce GraphX.", "We introduce GraphX."],
    ["Towards this goal, in this paper we introduce a new layer.", "We introduce a new layer."],
    ["Using the GPU as our platform, we develop a model.", "We develop a model."],
    ["On large graphs, GraphX is 3x faster than Neo4j.", "GraphX is 3x faster than Neo4j."],
    ["Concretely, this paper introduces GraphX.", "This paper introduces GraphX."],
  ])("GIVEN the lead-in of %j THEN the TL;DR starts at the subject: %j", (sentence, expected) => {
    expect(summarize(`Graphs are everywhere and hard to query. ${sentence} Nothing more.`, "GraphX: Fast Graphs")).toBe(expected);
  });

  it("GIVEN a main contribution and a later one introduced with 'we further present' THEN the main one, naming the method, is the TL;DR", () => {
    const abstract =
      "Large models are monolithic. We propose BrickLM, a model built from functional bricks. " +
      "Based on diverse functional bricks, we further present four brick-oriented operations. It works.";
    expect(summarize(abstract, "BrickLM: Building LLMs from Bricks")).toBe("We propose BrickLM, a model built from functional bricks.");
    expect(methodNames("BrickLM: Building LLMs from Bricks")).toEqual(["BrickLM", "LLMs"]);
  });
});

