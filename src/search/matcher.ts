import type { Paper } from "../domain/paper.js";
import { lengthFrequency, type TermFrequency } from "./anchors.js";
import { BATCH_PAPERS, MatchPairs, PaperBits, type MatchTable } from "./batch.js";
import { documentOf, type PaperDocument } from "./document.js";
import { filtersPass } from "./evaluate.js";
import { DECIDED, FILTERS, layOut, SHARED, type Layout, type Subscription, type SubscriptionMatch } from "./layout.js";
import type { Query } from "./query.js";

export type { Subscription, SubscriptionMatch };

/**
 * The subscriptions each of several papers matched: pair `i` is subscription match `at(i)` for
 * paper `paper(i)` (an index into the papers given), in no particular order.
 */
export type Matches = MatchTable<SubscriptionMatch>;

/**
 * `frequency` lets the caller rank anchor candidates with real statistics (see
 * `termFrequencies(db)`); without it, the longest non-boilerplate word is taken as the rarest.
 */
export interface MatcherOptions {
  readonly frequency?: TermFrequency;
}

/** How the subscriptions were indexed, for logs and benchmarks. */
export interface MatcherStats {
  readonly subscriptions: number;
  /** Distinct words subscriptions are filed under. */
  readonly anchors: number;
  /** Subscriptions with no word to file them under (filters only), checked for every paper. */
  readonly alwaysChecked: number;
  /** Distinct terms across all subscriptions: each is decided once per paper, however many use it. */
  readonly distinctTerms: number;
}

/** Distinct `matched` lists kept per subscription with an OR (at most 2^terms can occur). */
const MADE_PER_SLOT = 8;

/**
 * Matches new papers against many subscriptions without asking SQLite once per subscription.
 * Papers are matched in batches: each paper is tokenized once and the terms it contains are set
 * as bits in per-term rows (PaperBits), so a subscription is decided for the whole batch by
 * combining a few rows. Subscriptions are filed under anchor words (see `Layout`), so only those
 * whose anchor occurs somewhere in the batch are looked at; the check term rejects most of those
 * with one row comparison, and a subscription that is nothing but those words needs nothing more.
 */
export class SubscriptionMatcher {
  private readonly layout: Layout;
  private readonly bits = new PaperBits();
  private readonly pairs = new MatchPairs<SubscriptionMatch>();
  /** The papers a subscription holds for, worked out in place. */
  private readonly selection = new Int32Array(BATCH_PAPERS / 32);
  /** Papers of one row or of the selection, listed by `PaperBits.papersIn`. */
  private readonly papers = new Int32Array(BATCH_PAPERS);
  /** Per slot whose `matched` list varies, the results made so far, reused when the same terms match. */
  private readonly made: (SubscriptionMatch[] | undefined)[] = [];
  /** Per slot, the batch it was last looked at in (a shared slot is filed under several words). */
  private readonly seen: Uint32Array;
  private generation = 0;
  /** Index of the current batch's first paper among all the papers of the call. */
  private offset = 0;

  constructor(subscriptions: readonly Subscription[], options: MatcherOptions = {}) {
    this.layout = layOut(subscriptions, options.frequency ?? lengthFrequency);
    this.seen = new Uint32Array(this.layout.ids.length);
  }

  get stats(): MatcherStats {
    const { ids, terms, postings, sure, always } = this.layout;
    return {
      subscriptions: ids.length,
      anchors: terms.terms.filter((_, id) => postings[id] !== undefined || sure[id] !== undefined).length,
      alwaysChecked: always.length,
      distinctTerms: terms.terms.length,
    };
  }

  /**
   * The subscriptions the paper satisfies, in no particular order (the matcher's internal one,
   * which keeps memory access sequential); sort by subscriptionId when an order matters.
   */
  match(paper: Paper): SubscriptionMatch[] {
    return this.matchDocument(documentOf(paper));
  }

  /** As `match`, for a paper already prepared with `documentOf`. */
  matchDocument(doc: PaperDocument): SubscriptionMatch[] {
    return this.matchDocuments([doc]).byPaper(1)[0] ?? [];
  }

  /**
   * Matches several papers together: the way to match the papers of one ingest. Each paper is
   * tokenized when its turn comes and dropped once its terms are recorded.
   */
  matchAll(papers: readonly Paper[]): Matches {
    return this.inBatches(papers, documentOf);
  }

  /** As `matchAll`, for papers already prepared with `documentOf`. */
  matchDocuments(docs: readonly PaperDocument[]): Matches {
    return this.inBatches(docs, (doc) => doc);
  }

  private inBatches<T>(items: readonly T[], prepare: (item: T) => PaperDocument): Matches {
    // Without subscriptions nothing can match: no paper needs tokenizing.
    if (this.layout.ids.length === 0) return this.pairs.finish(this.layout.results);
    for (let first = 0; first < items.length; first += BATCH_PAPERS) {
      this.matchBatch(items.slice(first, first + BATCH_PAPERS), prepare, first);
    }
    return this.pairs.finish(this.layout.results);
  }

  /** Matches up to BATCH_PAPERS papers; `offset` is the index of the first among all papers given. */
  private matchBatch<T>(items: readonly T[], prepare: (item: T) => PaperDocument, offset: number): void {
    this.offset = offset;
    const { bits } = this;
    const { terms, filterList, always, sure, postings } = this.layout;
    const termCount = terms.terms.length;
    bits.start(items.length, termCount + filterList.length);
    items.forEach((item, paper) => {
      const doc = prepare(item);
      terms.decide(doc, paper, bits);
      filterList.forEach((filter, id) => {
        if (filtersPass([filter], doc)) bits.set(termCount + id, paper);
      });
    });
    if (++this.generation === 0xffffffff) {
      this.seen.fill(0);
      this.generation = 1;
    }
    this.verify(always);
    for (const term of bits.touched) {
      if (term >= termCount) continue;
      const slots = sure[term];
      if (slots !== undefined) this.addSure(term, slots);
      const candidates = postings[term];
      if (candidates !== undefined) this.verify(candidates);
    }
  }

  /** Adds the slots a term alone decides to every paper of the batch that contains the term. */
  private addSure(term: number, slots: Int32Array): void {
    const { bits, papers } = this;
    const count = bits.papersIn(bits.rows, term * bits.words, papers);
    for (let p = 0; p < count; p += 1) {
      const paper = this.offset + (papers[p] ?? 0);
      for (let i = 0; i < slots.length; i += 1) this.pairs.add(paper, slots[i] ?? 0);
    }
  }

  /** Decides the candidate slots (each once per batch) and adds each to the papers it holds for. */
  private verify(slots: Int32Array): void {
    const { seen, generation, bits, selection } = this;
    const { pcs, program, flags, anchors, checks } = this.layout;
    for (let i = 0; i < slots.length; i += 1) {
      const slot = slots[i] ?? 0;
      const flag = flags[slot] ?? 0;
      if (flag & SHARED) {
        if (seen[slot] === generation) continue;
        seen[slot] = generation;
      }
      const check = checks[slot] ?? -1;
      if (check >= 0 && (flag & SHARED ? !bits.any(check) : !bits.meet(anchors[slot] ?? 0, check))) continue;
      const pc = pcs[slot] ?? -1;
      if (pc < 0) selection.set(bits.valid);
      else if (flag & DECIDED) this.both(anchors[slot] ?? 0, check);
      else if (!program.select(pc, bits, selection)) continue;
      if (flag & FILTERS && !this.filter(slot)) continue;
      this.add(slot);
    }
  }

  /** Sets the selection to the papers holding both terms (the second may be -1: none). */
  private both(a: number, b: number): void {
    const { rows, words } = this.bits;
    const x = a * words;
    const y = b < 0 ? x : b * words;
    for (let w = 0; w < words; w += 1) this.selection[w] = (rows[x + w] ?? 0) & (rows[y + w] ?? 0);
  }

  /** Narrows the selection to the papers passing the slot's filters; false when none is left. */
  private filter(slot: number): boolean {
    const { rows, words } = this.bits;
    const { terms, filterStart, filterIds } = this.layout;
    const end = filterStart[slot + 1] ?? 0;
    for (let i = filterStart[slot] ?? 0; i < end; i += 1) {
      const base = (terms.terms.length + (filterIds[i] ?? 0)) * words;
      let any = 0;
      for (let w = 0; w < words; w += 1) {
        const left = (this.selection[w] ?? 0) & (rows[base + w] ?? 0);
        this.selection[w] = left;
        any |= left;
      }
      if (any === 0) return false;
    }
    return true;
  }

  /** Adds the slot's result to every paper in the selection. */
  private add(slot: number): void {
    const { bits, papers } = this;
    const fixed = this.layout.results[slot] !== null;
    const count = bits.papersIn(this.selection, 0, papers);
    for (let p = 0; p < count; p += 1) {
      const paper = papers[p] ?? 0;
      if (fixed) this.pairs.add(this.offset + paper, slot);
      else this.pairs.addMade(this.offset + paper, this.collected(slot, paper));
    }
  }

  private collected(slot: number, paper: number): SubscriptionMatch {
    const { program, pcs, ids } = this.layout;
    const matched: string[] = [];
    program.collect(pcs[slot] ?? 0, this.bits, paper, matched);
    const known = (this.made[slot] ??= []);
    for (const result of known) if (sameList(result.matched, matched)) return result;
    const result: SubscriptionMatch = { subscriptionId: ids[slot] ?? 0, matched };
    if (known.length < MADE_PER_SLOT) known.push(result);
    return result;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether one prepared paper matches a query, with the terms that matched; [] for filters only. */
export function matchDocument(query: Query, doc: PaperDocument): string[] | null {
  return new SubscriptionMatcher([{ id: 0, query }]).matchDocument(doc)[0]?.matched.slice() ?? null;
}

/** Whether one paper matches a query (as the SQL search would find it), with the terms that matched. */
export function matchesQuery(query: Query, paper: Paper): string[] | null {
  return matchDocument(query, documentOf(paper));
}
