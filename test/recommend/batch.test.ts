import { describe, expect, it } from "vitest";
import { readSamplePapers } from "../../bench/samples.js";
import { compact, NewPapers, rankWith, train, Vocabulary, type Doc } from "../../src/recommend/index.js";

describe("scoring new papers for many people", () => {
  it("GIVEN a model THEN the postings walk ranks new papers exactly as scoring each paper does", () => {
    const papers = readSamplePapers();
    const vocabulary = new Vocabulary();
    const docs: Doc[] = papers.map((p, id) => ({ id, vector: vocabulary.vector(vocabulary.add(p.title, p.abstract)) }));
    const old = docs.slice(0, 60);
    const fresh = docs.slice(60);
    const model = train(old.map((d, i) => ({ vector: d.vector, label: i % 7 === 0 ? 1 : -1, cost: i % 7 === 0 ? 3 : 0.3 })));
    const skip = new Set([fresh[0]?.id ?? -1]);
    const index = new NewPapers(fresh);
    const expected = rankWith(model, fresh, skip, 5);
    const got = index.top(model, skip, 5);
    expect(got.map((p) => p.id)).toEqual(expected.map((p) => p.id));
    got.forEach((p, i) => expect(p.score).toBeCloseTo(expected[i]?.score ?? NaN, 5));
    // the index is reusable: a second person gets an independent answer
    expect(index.top(model, new Set(), 5).map((p) => p.id)).toEqual(rankWith(model, fresh, new Set(), 5).map((p) => p.id));
    expect(compact(model, 10).weights.size).toBe(10);
  });
});
