import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { containment, editDistance, editDistanceAtMost, jaccard, shingles } from "../../src/papers/similarity.js";

describe("similarity helpers", () => {
  it("GIVEN known pairs THEN the edit distance is the textbook value", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("GIVEN any strings and limit THEN the banded early-exit check agrees with the full distance", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", "c", " "), maxLength: 24 });
    fc.assert(
      fc.property(text, text, fc.nat(26), (a, b, limit) => {
        expect(editDistanceAtMost(a, b, limit)).toBe(editDistance(a, b) <= limit);
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it("GIVEN long strings (several 32-row blocks) and any limit THEN the check agrees with the full distance", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", "c", "d", " "), minLength: 20, maxLength: 140 });
    const near = text.chain((a) =>
      fc.tuple(fc.constant(a), fc.array(fc.tuple(fc.nat(139), fc.constantFrom("", "a", "e")), { maxLength: 12 })).map(([base, edits]) => {
        let b = base;
        for (const [at, put] of edits) b = b.slice(0, at % (b.length + 1)) + put + b.slice((at % (b.length + 1)) + 1);
        return [base, b] as const;
      }),
    );
    fc.assert(
      fc.property(fc.oneof(near, fc.tuple(text, text)), fc.nat(60), ([a, b], limit) => {
        expect(editDistanceAtMost(a, b, limit)).toBe(editDistance(a, b) <= limit);
      }),
      { seed: 20251128, numRuns: 3000 },
    );
  });

  it("GIVEN a truncated copy THEN containment stays 1 while Jaccard drops", () => {
    const full = "a b c d e f g h i j".split(" ");
    const cut = shingles(full.slice(0, 5), 3);
    expect(containment(cut, shingles(full, 3))).toBe(1);
    expect(jaccard(cut, shingles(full, 3))).toBeLessThan(0.5);
    expect(containment(new Set<string>(), cut)).toBe(0);
    expect(shingles(["only", "two"], 3)).toEqual(new Set(["only two"]));
  });
});
