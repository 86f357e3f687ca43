import { describe, expect, it } from "vitest";
import { dot, termCounts, Vocabulary } from "../../src/recommend/index.js";

describe("TF-IDF vectors", () => {
  it("GIVEN a title and abstract THEN features are porter stems and bigrams of kept words, stopwords and numbers dropped", () => {
    const counts = termCounts("Quantized Attention for the LLMs", "We propose 8 quantization kernels.");
    expect([...counts.keys()].sort()).toEqual(["attent", "kernel", "llm", "quantiz", "quantiz attent", "attent llm", "quantiz kernel"].sort());
    expect(counts.get("quantiz")).toBe(2);
  });

  it("GIVEN no bigram across title and abstract THEN the last title word does not pair with the first abstract word", () => {
    expect(termCounts("Sparse", "Attention").has("spars attent")).toBe(false);
  });

  it("GIVEN papers THEN vectors have length 1, rarer terms weigh more, repeats grow sublinearly", () => {
    const vocabulary = new Vocabulary();
    vocabulary.add("attention kernels", "");
    vocabulary.add("attention speed", "");
    const target = vocabulary.add("attention quantization quantization quantization", "");
    const vector = vocabulary.vector(target);
    expect(dot(vector, vector)).toBeCloseTo(1, 6);
    const weight = (term: string): number => vector.values[[...vector.ids].indexOf(vocabulary.idOfTerm(term) ?? -1)] ?? 0;
    expect(weight("quantiz")).toBeGreaterThan(weight("attent"));
    // three occurrences weigh (1 + ln 3) × idf, not 3 × idf
    const ratio = weight("quantiz") / vocabulary.idf(vocabulary.idOfTerm("quantiz") ?? -1);
    const single = weight("attent") / vocabulary.idf(vocabulary.idOfTerm("attent") ?? -1);
    expect(ratio / single).toBeCloseTo(1 + Math.log(3), 5);
    expect(vocabulary.surface(vocabulary.idOfTerm("quantiz") ?? -1)).toBe("quantization");
  });
});
