import { describe, expect, it } from "vitest";
import { blockingKeys, isNearDuplicate, normalizeTitle, type PaperText } from "../../src/papers/index.js";
import { distinctSamplePapers } from "./samples.js";

/** A one-letter typo in word `index`: a swap, a drop or a doubling, chosen by the word's length. */
function typo(title: string, index: number): string {
  const words = title.split(" ");
  const word = words[index] ?? "";
  if (word.length < 4) return title;
  const at = 1 + (word.length % (word.length - 2));
  const edits = [
    word.slice(0, at) + (word[at + 1] ?? "") + (word[at] ?? "") + word.slice(at + 2),
    word.slice(0, at) + word.slice(at + 1),
    word.slice(0, at) + (word[at] ?? "") + word.slice(at),
  ];
  words[index] = edits[word.length % 3] ?? word;
  return words.join(" ");
}

/** Renderings of one paper that must all be recognised as that paper. */
function variants(p: PaperText): [string, PaperText][] {
  const words = p.title.split(" ");
  const out: [string, PaperText][] = [];
  const abstract = p.abstract;
  words.forEach((_, i) => {
    out.push([`typo in word ${i}`, { title: typo(p.title, i), abstract }]);
    if (words.length > 3) out.push([`word ${i} dropped`, { title: words.filter((_, j) => j !== i).join(" "), abstract }]);
  });
  out.push(["word added in front", { title: `Towards ${p.title}`, abstract }]);
  out.push(["word added inside", { title: [...words.slice(0, 2), "Scalable", ...words.slice(2)].join(" "), abstract }]);
  for (const share of [0.15, 0.4, 0.7]) {
    out.push([`abstract cut to ${share}`, { title: p.title, abstract: `${abstract.slice(0, abstract.length * share)}…` }]);
  }
  out.push(["title typo, abstract cut", { title: typo(p.title, 1), abstract: abstract.slice(0, 300) }]);
  out.push(["first word dropped, abstract typo", { title: words.slice(1).join(" "), abstract: typo(abstract, 2) }]);
  out.push(["title typo, empty abstract", { title: typo(p.title, words.length - 1), abstract: "" }]);
  return out;
}

describe("near-duplicate sweep over the sample papers", () => {
  it("GIVEN every sample paper and each of its renderings THEN it is a near-duplicate sharing a key, and matches no other candidate", () => {
    const papers = distinctSamplePapers();
    const byKey = new Map<string, PaperText[]>();
    for (const p of papers) for (const key of blockingKeys(p)) byKey.set(key, [...(byKey.get(key) ?? []), p]);
    const failures: string[] = [];
    let checked = 0;
    for (const p of papers) {
      const keys = blockingKeys(p);
      for (const [kind, variant] of variants(p)) {
        if (normalizeTitle(variant.title) === normalizeTitle(p.title) && variant.abstract === p.abstract) continue;
        checked++;
        if (!isNearDuplicate(p, variant)) failures.push(`not a near-duplicate (${kind}): ${variant.title}`);
        const shared = blockingKeys(variant).filter((key) => keys.includes(key));
        if (shared.length === 0) failures.push(`no shared key (${kind}): ${variant.title}`);
        const candidates = new Set(blockingKeys(variant).flatMap((key) => byKey.get(key) ?? []));
        for (const other of candidates) {
          if (other !== p && isNearDuplicate(other, variant)) failures.push(`merged with ${other.title} (${kind})`);
        }
      }
    }
    expect(checked).toBeGreaterThan(2000);
    expect(failures).toEqual([]);
  });
});
