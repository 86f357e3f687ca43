import { it } from "vitest";
import { readSamplePapers } from "../bench/samples.js";
import { measureQuality } from "../bench/foryou-quality.js";
import { forYou, Vocabulary, type Doc } from "../src/recommend/index.js";
it("x", () => {
const papers = readSamplePapers();
const vocabulary = new Vocabulary();
const docs: Doc[] = papers.map((p, id) => ({ id, vector: vocabulary.vector(vocabulary.add(p.title, p.abstract)) }));
const by = (s: string) => docs[papers.findIndex((p) => p.title.startsWith(s))]!;
const pos = ["Accurate Block Quantization", "NUPES", "ABQ-LLM"].map(by);
const d = by("Efficient Arbitrary Precision Acceleration");
const t = by("Tilus");
for (const dis of [[], [d]]) {
  const r = forYou({ positives: pos, disliked: dis, background: docs, candidates: docs, limit: 103 });
  if (r.kind === "ranked") { const i = r.papers.findIndex((p) => p.id === t.id); console.log(i, r.papers[i]!.score, r.model.bias); }
}
const q = measureQuality(papers); console.log(q.forYou, q.keywords);
});
