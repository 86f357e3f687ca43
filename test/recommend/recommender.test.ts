import { describe, expect, it } from "vitest";
import { readSamplePapers } from "../../bench/samples.js";
import { Recommender, type PaperText } from "../../src/recommend/index.js";

/** The sample papers as a store would list them: ids from 1, the first half seen in May, the rest in June. */
function history(): PaperText[] {
  return readSamplePapers().map((p, i) => ({ id: i + 1, title: p.title, abstract: p.abstract, firstSeenAt: i < 50 ? "2026-05-01T00:00:00Z" : "2026-06-01T00:00:00Z" }));
}

function source(papers: PaperText[]): { textsAfter(afterId: number, limit: number): PaperText[] } {
  return { textsAfter: (afterId, limit) => papers.filter((p) => p.id > afterId).slice(0, limit) };
}

const idOf = (papers: PaperText[], start: string): number => papers.find((p) => p.title.startsWith(start))?.id ?? -1;

describe("recommender over the history", () => {
  it("GIVEN papers arriving after the first request THEN the next request reads only them and ranks them", () => {
    const papers = history();
    const visible = papers.slice(0, 40);
    const recommender = new Recommender(source(visible));
    expect(recommender.similar(idOf(papers, "Lightning Attention-2"), 3).map((s) => s.id)).not.toContain(idOf(papers, "Various Lengths"));
    visible.push(...papers.slice(40));
    const [first] = recommender.similar(idOf(papers, "Lightning Attention-2"), 3);
    expect(first?.id).toBe(idOf(papers, "Various Lengths"));
    expect(first?.terms.join(" ")).toMatch(/lightning/);
  });

  it("GIVEN a window THEN only papers first seen in it are ranked, rated ones never, each with a reason", () => {
    const papers = history();
    const recommender = new Recommender(source(papers));
    const liked = ["Accurate Block Quantization", "NUPES", "ABQ-LLM"].map((t) => idOf(papers, t));
    const outcome = recommender.forYou({ liked: liked.slice(0, 2), saved: [liked[2] ?? 0], disliked: [] }, "2026-06-01T00:00:00Z", 5, 1);
    if (outcome.kind !== "ranked") throw new Error("expected a ranking");
    expect(outcome.papers).toHaveLength(5);
    for (const paper of outcome.papers) {
      expect(paper.id).toBeGreaterThan(50);
      expect(liked).not.toContain(paper.id);
      expect(paper.likePaperId !== null || paper.terms.length > 0).toBe(true);
    }
    const all = recommender.forYou({ liked, saved: [], disliked: [] }, null, 200, 1);
    expect(all.kind === "ranked" && all.papers.some((p) => p.id <= 50)).toBe(true);
  });

  it("GIVEN two liked papers THEN it asks for one more", () => {
    const papers = history();
    const outcome = new Recommender(source(papers)).forYou({ liked: [1], saved: [2], disliked: [3] }, null, 5, 1);
    expect(outcome).toEqual({ kind: "needMore", positives: 2, needed: 1 });
  });
});
