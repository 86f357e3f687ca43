import { describe, expect, it } from "vitest";
import { measureQuality, syntheticPeople } from "../../bench/foryou-quality.js";
import { readSamplePapers } from "../../bench/samples.js";

describe("for-you quality", () => {
  it("GIVEN people who like three papers of one topic THEN for-you precision@5 on held-out papers beats a keyword subscription from the liked titles", () => {
    const papers = readSamplePapers();
    const people = syntheticPeople(papers);
    expect(people.length).toBeGreaterThanOrEqual(12);
    expect(new Set(people.map((p) => p.topic)).size).toBeGreaterThanOrEqual(3);
    const report = measureQuality(papers, people);
    expect(report.forYou.precisionAt5).toBeGreaterThan(report.keywords.precisionAt5);
    expect(report.forYou.ndcgAt10).toBeGreaterThan(report.keywords.ndcgAt10);
    expect(report.wins).toBeGreaterThan(report.losses);
  });
});
