import { describe, expect, it } from "vitest";
import { readSamplePapers } from "../../bench/samples.js";
import { topicMembers } from "../../bench/topics.js";
import { forYou, readableTerms, score, similarTo, train, Vocabulary, type Doc, type Example } from "../../src/recommend/index.js";

const papers = readSamplePapers();
const vocabulary = new Vocabulary();
const docs: Doc[] = papers.map((p, id) => ({ id, vector: vocabulary.vector(vocabulary.add(p.title, p.abstract)) }));
const byTitle = (start: string): Doc => {
  const at = papers.findIndex((p) => p.title.startsWith(start));
  const doc = docs[at];
  if (doc === undefined) throw new Error(`no sample paper ${start}`);
  return doc;
};
const titleOf = (id: number): string => papers[id]?.title ?? "";

const QUANTIZATION = ["Accurate Block Quantization", "NUPES", "ABQ-LLM"].map(byTitle);

describe("linear SVM", () => {
  it("GIVEN the same examples twice THEN the same model, and liked papers score above unrated ones", () => {
    const examples: Example[] = docs.map((d) => ({ vector: d.vector, label: QUANTIZATION.includes(d) ? 1 : -1, cost: QUANTIZATION.includes(d) ? 5 : 0.2 }));
    const a = train(examples);
    const b = train(examples);
    expect([...a.weights]).toEqual([...b.weights]);
    const liked = Math.min(...QUANTIZATION.map((d) => score(a, d.vector)));
    const others = docs.filter((d) => !QUANTIZATION.includes(d)).map((d) => score(a, d.vector));
    expect(liked).toBeGreaterThan(Math.max(...others));
  });
});

describe("for you", () => {
  it("GIVEN two liked papers THEN it says one more is needed", () => {
    const result = forYou({ positives: QUANTIZATION.slice(0, 2), disliked: [], background: docs, candidates: docs, limit: 5 });
    expect(result).toEqual({ kind: "needMore", positives: 2, needed: 1 });
  });

  it("GIVEN three liked quantization papers THEN quantization papers lead, rated papers are skipped, each with a reason", () => {
    const disliked = [byTitle("BiBench")];
    const result = forYou({ positives: QUANTIZATION, disliked, background: docs, candidates: docs, limit: 5 });
    if (result.kind !== "ranked") throw new Error("expected a ranking");
    const quantization = new Set(topicMembers(papers).get("quantization"));
    expect(result.papers.filter((p) => quantization.has(p.id)).length).toBeGreaterThanOrEqual(4);
    const rated = new Set([...QUANTIZATION, ...disliked].map((d) => d.id));
    expect(result.papers.some((p) => rated.has(p.id))).toBe(false);
    for (const paper of result.papers) {
      if (paper.reason.kind === "like") expect(QUANTIZATION.map((d) => d.id)).toContain(paper.reason.paperId);
      else expect(paper.reason.termIds.length).toBeGreaterThan(0);
    }
    expect(result.papers.some((p) => p.reason.kind === "like")).toBe(true);
  });

  it("GIVEN a paper disliked THEN the paper nearest to it scores lower", () => {
    const disliked = byTitle("Efficient Arbitrary Precision Acceleration");
    const nearest = byTitle("Tilus");
    const learned = (dislikes: Doc[]): number => {
      const result = forYou({ positives: QUANTIZATION, disliked: dislikes, background: docs, candidates: docs, limit: 1 });
      if (result.kind !== "ranked") throw new Error("expected a ranking");
      return score(result.model, nearest.vector) - result.model.bias;
    };
    expect(learned([disliked])).toBeLessThan(learned([]) * 0.8);
  });

  it("GIVEN a subscription's matches as weak positives THEN papers matching it rise", () => {
    const candidate = byTitle("StarVector");
    const matches = ["Leveraging Large Language Models For Scalable Vector", "SVGDreamer", "Text-to-Vector"].map(byTitle);
    const rank = (subscriptionMatches: Doc[]): number => {
      const result = forYou({ positives: QUANTIZATION, disliked: [], subscriptionMatches, background: docs, candidates: docs, limit: docs.length });
      return result.kind === "ranked" ? result.papers.findIndex((p) => p.id === candidate.id) : -1;
    };
    expect(rank(matches)).toBeLessThan(rank([]));
  });
});

describe("similar", () => {
  it("GIVEN Lightning Attention-2 THEN its sibling paper comes first, explained by the terms they share", () => {
    const target = byTitle("Lightning Attention-2");
    const [first] = similarTo(target, docs, 3);
    expect(titleOf(first?.id ?? -1)).toMatch(/Lightning Attention/);
    expect(readableTerms(vocabulary, first?.shared ?? [], 3).join(" ")).toMatch(/lightning/);
    expect(similarTo(target, docs, 100).some((s) => s.id === target.id)).toBe(false);
  });
});
