import { describe, expect, it } from "vitest";
import { extractKeywords } from "../../src/papers/index.js";
import { STOPWORDS } from "../../src/papers/stopwords.js";
import { distinctSamplePapers, samplePaper } from "./samples.js";

const croma = samplePaper("CROMA: Remote Sensing Representations with Contrastive Radar-Optical Masked Autoencoders");
const asic = samplePaper("Leveraging ASIC AI Chips for Homomorphic Encryption");

describe("extractKeywords", () => {
  it("GIVEN the CROMA paper THEN its name and topic lead the keywords", () => {
    const keywords = extractKeywords(croma.title, croma.abstract);
    expect(keywords[0]).toBe("CROMA");
    expect(keywords).toContain("remote sensing");
    expect(keywords).toHaveLength(5);
  });

  it("GIVEN the ASIC homomorphic-encryption paper THEN acronyms keep their case and the topic phrase is found", () => {
    const keywords = extractKeywords(asic.title, asic.abstract);
    expect(keywords).toContain("ASIC");
    expect(keywords).toContain("homomorphic encryption");
    expect(keywords).toContain("CROSS");
  });

  it("GIVEN plural acronyms and title-case compounds THEN 'LLMs' becomes 'LLM' and 'Hardware-Efficient' is lower-cased", () => {
    expect(extractKeywords("Serving LLMs with Hardware-Efficient Kernels", "LLMs are served. Kernels matter.")).toEqual([
      "LLM",
      "hardware-efficient kernels",
      "serving",
    ]);
  });

  it("GIVEN max THEN at most that many keywords, none for max 0 or empty text", () => {
    expect(extractKeywords(croma.title, croma.abstract, 2)).toEqual(["CROMA", "remote sensing"]);
    expect(extractKeywords(croma.title, croma.abstract, 0)).toEqual([]);
    expect(extractKeywords("", "")).toEqual([]);
  });

  it("GIVEN every sample paper THEN keywords are few, unique, free of stopwords, lower-case unless acronyms, and stable", () => {
    for (const paper of distinctSamplePapers()) {
      const keywords = extractKeywords(paper.title, paper.abstract);
      expect(keywords.length).toBeGreaterThan(0);
      expect(keywords.length).toBeLessThanOrEqual(5);
      expect(new Set(keywords.map((k) => k.toLowerCase())).size).toBe(keywords.length);
      for (const keyword of keywords) {
        expect(keyword.split(" ").some((word) => STOPWORDS.has(word.toLowerCase()))).toBe(false);
        if (keyword !== keyword.toLowerCase()) expect(keyword).not.toContain(" ");
      }
      expect(extractKeywords(paper.title, paper.abstract)).toEqual(keywords);
    }
  });
});
