import type { Paper } from "../../src/domain/paper.js";
import { readSamplePapers, type SamplePaper } from "../../bench/samples.js";

export { readSamplePapers, type SamplePaper };

const AUTHORS = ["Ada Smith", "Li Wei", "José Núñez", "Grace Hopper", "Tri Dao", "Sun Yu"];

/** The sample papers in a store, with made-up authors (the text dumps carry only a count). */
export function addSamplePapers(store: { add(seed: SamplePaper & { authors: string[] }): Paper }): Paper[] {
  return readSamplePapers().map((paper, i) =>
    store.add({ ...paper, authors: [AUTHORS[i % AUTHORS.length] ?? "", AUTHORS[(i * 7 + 3) % AUTHORS.length] ?? ""] }),
  );
}
