import { describe, expect, it } from "vitest";
import type { PaperDraft } from "../../src/digests/index.js";
import {
  ABSTRACT_THRESHOLD,
  TITLE_ONLY_THRESHOLD,
  TITLE_THRESHOLD,
  abstractSimilarity,
  blockingKeys,
  compareTitles,
  isNearDuplicate,
  paperKey,
} from "../../src/papers/index.js";
import { distinctSamplePapers, sampleDumps } from "./samples.js";

interface Sighting {
  dump: string;
  title: string;
  how: "exact" | "near";
  firstSeenIn: string;
}

/**
 * The store's lookup in miniature: exact key first, else a near-duplicate among the papers sharing
 * a blocking key (never a scan). Returns how many papers each dump added and every recurrence.
 */
function ingestSamples(): { fresh: number[]; recurrences: Sighting[]; distinct: number } {
  const byKey = new Map<string, number>();
  const byBlock = new Map<string, number[]>();
  const papers: { draft: PaperDraft; dump: string }[] = [];
  const fresh: number[] = [];
  const recurrences: Sighting[] = [];
  for (const { name, papers: drafts } of sampleDumps()) {
    let added = 0;
    for (const draft of drafts) {
      let id = byKey.get(paperKey(draft));
      let how: Sighting["how"] = "exact";
      if (id === undefined) {
        how = "near";
        const candidates = [...new Set(blockingKeys(draft).flatMap((key) => byBlock.get(key) ?? []))];
        id = candidates.sort((a, b) => a - b).find((c) => isNearDuplicate(papers[c]?.draft ?? draft, draft));
      }
      if (id === undefined) {
        id = papers.push({ draft, dump: name }) - 1;
        for (const key of blockingKeys(draft)) byBlock.set(key, [...(byBlock.get(key) ?? []), id]);
        added++;
      } else {
        recurrences.push({ dump: name, title: draft.title, how, firstSeenIn: papers[id]?.dump ?? "" });
      }
      byKey.set(paperKey(draft), id);
    }
    fresh.push(added);
  }
  return { fresh, recurrences, distinct: papers.length };
}

describe("the four sample captures", () => {
  it("GIVEN the samples in name order THEN 5, 53, 32 and 12 papers are new (102 distinct)", () => {
    const { fresh, distinct } = ingestSamples();
    expect(fresh).toEqual([5, 53, 32, 12]);
    expect(distinct).toBe(102);
  });

  it("GIVEN the samples THEN all 15 recurrences (12 papers) repeat their title exactly, none needs a near match", () => {
    const { recurrences } = ingestSamples();
    expect(recurrences).toHaveLength(15);
    expect(recurrences.every((r) => r.how === "exact")).toBe(true);
    expect(new Set(recurrences.map((r) => r.title)).size).toBe(12);
    expect(recurrences.filter((r) => r.title.startsWith("SMASH:")).map((r) => r.dump)).toEqual([
      "002_cf852956067276ef.txt",
      "003_e0ce2d25de6c357d.txt",
    ]);
  });

  it("GIVEN every pair of distinct sample papers THEN none is a near-duplicate, with margin on every threshold", () => {
    const papers = distinctSamplePapers();
    expect(papers).toHaveLength(102);
    let maxTitle = 0;
    let maxChars = 0;
    let maxAbstract = 0;
    for (const [i, a] of papers.entries()) {
      for (const b of papers.slice(i + 1)) {
        expect(isNearDuplicate(a, b), `${a.title} ~ ${b.title}`).toBe(false);
        const title = compareTitles(a.title, b.title);
        maxTitle = Math.max(maxTitle, title.chars, title.words, title.wordsContained);
        maxChars = Math.max(maxChars, title.chars);
        maxAbstract = Math.max(maxAbstract, abstractSimilarity(a.abstract, b.abstract) ?? 0);
      }
    }
    // Measured: 0.625 (AccLLM vs MixPE words), 0.525 (BlockLLM vs ABQ-LLM), 0.254 (Lightning Attention 1 vs 2).
    expect(maxTitle).toBeLessThanOrEqual(TITLE_THRESHOLD - 0.05);
    expect(maxChars).toBeLessThanOrEqual(TITLE_ONLY_THRESHOLD - 0.3);
    expect(maxAbstract).toBeLessThanOrEqual(ABSTRACT_THRESHOLD - 0.3);
  });
});
