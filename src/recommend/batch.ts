/**
 * Scoring the same new papers for many people, as after an ingest. The new papers are indexed by
 * term once (postings); each person's kept model (its largest weights, see {@link compact}) walks
 * only the postings of its own terms. Per person that is O(postings of the model's terms), not
 * O(new papers × their terms), so 10,000 people cost little more than the papers' index.
 */
import type { LinearModel } from "./classifier.js";
import type { Doc } from "./foryou.js";

export interface Scored {
  id: number;
  score: number;
}

/**
 * What is kept per person between ingests: the `maxTerms` weights of largest magnitude (the bench
 * measures how often the kept model's top 5 agrees with the full model's; keeping only positive
 * weights, though cheaper to walk, agreed far less).
 */
export function compact(model: LinearModel, maxTerms: number): LinearModel {
  if (model.weights.size <= maxTerms) return model;
  const kept = [...model.weights].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || a[0] - b[0]).slice(0, maxTerms);
  return { weights: new Map(kept), bias: model.bias };
}

/** Best `limit` by score (ties: newer id first), kept in a small sorted array. */
function pushTop(top: Scored[], candidate: Scored, limit: number): void {
  if (top.length === limit) {
    const last = top[limit - 1];
    if (last !== undefined && (candidate.score < last.score || (candidate.score === last.score && candidate.id < last.id))) return;
    top.pop();
  }
  let at = top.length;
  while (at > 0) {
    const before = top[at - 1];
    if (before === undefined || before.score > candidate.score || (before.score === candidate.score && before.id > candidate.id)) break;
    at -= 1;
  }
  top.splice(at, 0, candidate);
}

/** The new papers of one ingest, indexed by term for scoring against many people. */
export class NewPapers {
  private readonly postings = new Map<number, { papers: number[]; values: number[] }>();
  private readonly sums: Float64Array;
  private readonly seen: Uint8Array;
  private readonly touched: Int32Array;

  constructor(private readonly papers: readonly Doc[]) {
    papers.forEach((paper, at) => {
      const { ids, values } = paper.vector;
      for (let k = 0; k < ids.length; k += 1) {
        const id = ids[k] ?? 0;
        let list = this.postings.get(id);
        if (list === undefined) {
          list = { papers: [], values: [] };
          this.postings.set(id, list);
        }
        list.papers.push(at);
        list.values.push(values[k] ?? 0);
      }
    });
    this.sums = new Float64Array(papers.length);
    this.seen = new Uint8Array(papers.length);
    this.touched = new Int32Array(papers.length);
  }

  /** The person's best `limit` new papers among those sharing a term with the model, `skip` left out. */
  top(model: LinearModel, skip: ReadonlySet<number>, limit: number): Scored[] {
    const { sums, seen, touched } = this;
    let count = 0;
    for (const [id, weight] of model.weights) {
      const list = this.postings.get(id);
      if (list === undefined) continue;
      const { papers, values } = list;
      for (let k = 0; k < papers.length; k += 1) {
        const at = papers[k] ?? 0;
        if (seen[at] === 0) {
          seen[at] = 1;
          touched[count++] = at;
        }
        sums[at] = (sums[at] ?? 0) + weight * (values[k] ?? 0);
      }
    }
    const top: Scored[] = [];
    for (let n = 0; n < count; n += 1) {
      const at = touched[n] ?? 0;
      const paper = this.papers[at];
      if (paper !== undefined && !skip.has(paper.id) && limit > 0) pushTop(top, { id: paper.id, score: (sums[at] ?? 0) + model.bias }, limit);
      sums[at] = 0;
      seen[at] = 0;
    }
    return top;
  }
}
