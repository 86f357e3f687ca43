import { describe, expect, it } from "vitest";
import {
  ABSTRACT_THRESHOLD,
  abstractSimilarity,
  blockingKeys,
  compareTitles,
  isNearDuplicate,
  titleKey,
  type PaperText,
} from "../../src/papers/index.js";
import { samplePaper } from "./samples.js";

const matmul = samplePaper("Scalable MatMul-free Language Modeling");
const tilus = samplePaper("Tilus: A Virtual Machine for Arbitrary Low-Precision GPGPU Computation in LLM Serving");
const smash = samplePaper("SMASH: Sparse Matrix Atomic Scratchpad Hashing");
const lightning2 = samplePaper("Lightning Attention-2: A Free Lunch for Handling Unlimited Sequence Lengths in Large Language Models");
const lightning1 = samplePaper("Various Lengths, Constant Speed: Efficient Language Modeling with Lightning Attention");
const ecoformer = samplePaper("EcoFormer: Energy-Saving Attention with Linear Complexity");

const text = (p: PaperText): PaperText => ({ title: p.title, abstract: p.abstract });
const retitled = (p: PaperText, title: string): PaperText => ({ title, abstract: p.abstract });

/** Asserts a pair is one paper AND that the store would find it: a blocking key in common. */
function expectSamePaper(a: PaperText, b: PaperText): void {
  expect(isNearDuplicate(a, b)).toBe(true);
  expect(isNearDuplicate(b, a)).toBe(true);
  expect(blockingKeys(a).filter((key) => blockingKeys(b).includes(key))).not.toEqual([]);
}

describe("near-duplicates: the same paper rendered differently", () => {
  it("GIVEN a typo in the title and the same abstract THEN it is a near-duplicate sharing a blocking key", () => {
    expectSamePaper(text(matmul), retitled(matmul, "Scalable MatMul-free Langauge Modeling"));
    expectSamePaper(text(smash), retitled(smash, "SMASH: Sparse Matrix Atomic Scrachpad Hashing"));
  });

  it("GIVEN another subtitle separator THEN it is the same title key and a near-duplicate", () => {
    for (const separator of [" - ", " \u2014 ", "\u2014", " \u2013 ", " -- "]) {
      const other = retitled(tilus, tilus.title.replace(": ", separator));
      expect(titleKey(other.title)).toBe(titleKey(tilus.title));
      expectSamePaper(text(tilus), other);
    }
  });

  it("GIVEN a dropped or an extra word in the title THEN it is a near-duplicate", () => {
    expectSamePaper(text(tilus), retitled(tilus, "Tilus: A Virtual Machine for Arbitrary Low-Precision GPGPU Computation in Serving"));
    expectSamePaper(text(matmul), retitled(matmul, "Towards Scalable MatMul-free Language Modeling"));
    expectSamePaper(text(matmul), retitled(matmul, "Scalable Language Modeling"));
  });

  it("GIVEN a subtitle dropped entirely and the same abstract THEN the main title carries the match", () => {
    expectSamePaper(text(smash), retitled(smash, "SMASH"));
  });

  it("GIVEN one abstract truncated to a prefix (with or without an ellipsis) THEN it is a near-duplicate", () => {
    for (const cut of [120, 400, 900]) {
      expectSamePaper(text(ecoformer), { title: ecoformer.title, abstract: `${ecoformer.abstract.slice(0, cut)}…` });
      expectSamePaper(text(ecoformer), { title: `${ecoformer.title}.`, abstract: ecoformer.abstract.slice(0, cut) });
    }
  });

  it("GIVEN a typo in the title and a truncated abstract with a typo THEN it is still a near-duplicate", () => {
    const abstract = ecoformer.abstract.slice(0, 500).replace("transformative", "transfromative");
    expectSamePaper(text(ecoformer), { title: "EcoFormer: Energy-Saving Attention with Linaer Complexity", abstract });
  });

  it("GIVEN an empty abstract THEN only a typo-sized title difference makes a near-duplicate", () => {
    expectSamePaper(text(matmul), { title: "Scalable MatMul-free Langauge Modeling", abstract: "" });
    expect(isNearDuplicate(text(matmul), { title: "Scalable MatMul-free Vision Modeling", abstract: "" })).toBe(false);
  });
});

describe("near-duplicates: different papers stay apart", () => {
  it("GIVEN titles sharing a generic prefix 'Towards Efficient…' and different abstracts THEN they are different papers", () => {
    const a = { title: "Towards Efficient Attention for Long Sequences", abstract: ecoformer.abstract };
    const b = { title: "Towards Efficient Attention for Long Videos", abstract: lightning2.abstract };
    expect(compareTitles(a.title, b.title).chars).toBeGreaterThan(0.8);
    expect(isNearDuplicate(a, b)).toBe(false);
  });

  it("GIVEN the same title words but a different abstract THEN they are different papers", () => {
    const a = { title: "Efficient Sparse Attention", abstract: ecoformer.abstract };
    const b = { title: "Sparse Attention, Efficient", abstract: smash.abstract };
    expect(isNearDuplicate(a, b)).toBe(false);
    expect(isNearDuplicate(a, { title: a.title, abstract: matmul.abstract })).toBe(false);
  });

  it("GIVEN Lightning Attention and Lightning Attention-2 (same authors, overlapping abstracts) THEN they stay apart", () => {
    const similarity = abstractSimilarity(lightning1.abstract, lightning2.abstract) ?? 1;
    expect(similarity).toBeGreaterThan(0.2);
    expect(similarity).toBeLessThan(ABSTRACT_THRESHOLD);
    expect(isNearDuplicate(text(lightning1), text(lightning2))).toBe(false);
  });

  it("GIVEN titles that differ in a number THEN no typo-sized difference merges them", () => {
    const v2 = { title: "Lightning Attention-2: A Free Lunch", abstract: "" };
    expect(isNearDuplicate(v2, { title: "Lightning Attention-3: A Free Lunch", abstract: "" })).toBe(false);
    expect(isNearDuplicate(v2, { title: "Lightning Attention: A Free Lunch", abstract: "" })).toBe(false);
  });

  it("GIVEN an empty title THEN nothing is its near-duplicate", () => {
    expect(isNearDuplicate({ title: "", abstract: ecoformer.abstract }, text(ecoformer))).toBe(false);
  });
});

describe("blockingKeys", () => {
  it("GIVEN a paper THEN it has a handful of short keys, unique and stable", () => {
    const keys = blockingKeys(text(tilus));
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(keys.length).toBeLessThanOrEqual(6);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z]:[\w-]{12}$/u);
    expect(blockingKeys(text(tilus))).toEqual(keys);
  });

  it("GIVEN an empty abstract THEN only the title keys remain; an empty title and abstract give none", () => {
    expect(blockingKeys({ title: tilus.title, abstract: "" }).every((k) => /^[mfls]:/u.test(k))).toBe(true);
    expect(blockingKeys({ title: "", abstract: "" })).toEqual([]);
  });

  it("GIVEN titles without long words or a main part THEN no key is the hash of nothing", () => {
    const shortWords = blockingKeys({ title: "SAM 2 for All", abstract: "" });
    const otherShort = blockingKeys({ title: "ViT and You", abstract: "" });
    expect(shortWords.filter((key) => otherShort.includes(key))).toEqual([]);
  });

  it("GIVEN a dropped 'the' or a changed subtitle THEN a title key survives", () => {
    const base = blockingKeys({ title: "The Price of Freedom: Exploring Tradeoffs", abstract: "" });
    expect(base).toContain(blockingKeys({ title: "Price of Freedom: Exploring Tradeoffs", abstract: "" })[0]);
    expect(base).toContain(blockingKeys({ title: "The Price of Freedom \u2014 Other Words", abstract: "" })[0]);
  });
});
