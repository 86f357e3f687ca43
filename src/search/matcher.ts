import type { Paper } from "../store/papers.js";
import { anchorsOf, lengthFrequency, type TermFrequency } from "./anchors.js";
import { documentOf, type PaperDocument } from "./document.js";
import { filtersPass } from "./evaluate.js";
import { BATCH_PAPERS, MatchPairs, PaperBits, type MatchTable } from "./batch.js";
import { ProgramBuilder, type Program } from "./program.js";
import { positiveTerms, type AllOf, type Filter, type Query } from "./query.js";
import { TermIndex } from "./term-index.js";

/** A saved search to check every new paper against. */
export interface Subscription {
  readonly id: number;
  readonly query: Query;
}

/** A subscription a paper satisfies, with the query terms it matched for the notification. */
export interface SubscriptionMatch {
  readonly subscriptionId: number;
  readonly matched: readonly string[];
}

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
  /** Distinct terms across all subscriptions: each is decided at most once per paper. */
  readonly distinctTerms: number;
}

/** Distinct `matched` lists kept per subscription with an OR (at most 2^terms can occur). */
const MADE_PER_SLOT = 8;

const FILTERS = 1;
const DECIDED = 2;
const SHARED = 4;

/**
 * Matches new papers against many subscriptions without asking SQLite once per subscription.
 * Papers are matched in batches: each paper is tokenized once and the terms it contains are set
 * as bits in per-term rows (PaperBits), so a subscription is decided for the whole batch by
 * combining a few rows. Each subscription is filed under anchor words that every paper it
 * matches must contain (its rarest-looking required word, or one word per alternative of a
 * required OR), so only subscriptions whose anchor occurs somewhere in the batch are looked at;
 * a second required word (the check) rejects most of those with one row comparison, and a
 * subscription that is nothing but those words needs nothing more. Subscriptions are laid out in
 * anchor order, in typed arrays, so the candidates of one word sit next to each other in memory.
 */
export class SubscriptionMatcher {
  private readonly terms = new TermIndex();
  private readonly program: Program;
  private readonly bits = new PaperBits();
  private readonly pairs = new MatchPairs<SubscriptionMatch>();
  /** The papers a subscription holds for, worked out in place. */
  private readonly selection = new Int32Array(BATCH_PAPERS / 32);
  /** Per slot (anchor order): the subscription's id and code start (-1: filters only). */
  private readonly ids: number[] = [];
  private readonly pcs: Int32Array;
  /** Distinct filters across all subscriptions; filter `f` is row `terms + f` of the bits. */
  private readonly filterList: Filter[] = [];
  /** Per slot, its filter ids: `filterIds[filterStart[slot] .. filterStart[slot + 1]]`. */
  private readonly filterStart: Int32Array;
  private readonly filterIds: Int32Array;
  /** Per slot, its result when the `matched` list cannot vary (no OR), made once; else null. */
  private readonly results: (SubscriptionMatch | null)[] = [];
  /** Per slot whose `matched` list varies, the results made so far, reused when the same terms match. */
  private readonly made: (SubscriptionMatch[] | undefined)[] = [];
  /** Slots filed under each term id that need checking. */
  private readonly postings: (Int32Array | undefined)[] = [];
  /** Slots filed under each term id that the term alone decides (they hold wherever it occurs). */
  private readonly sure: (Int32Array | undefined)[] = [];
  private readonly always: Int32Array;
  /**
   * Per slot: FILTERS, DECIDED (its anchor and check term are its whole query, so it holds where
   * they both occur), SHARED (filed under several words).
   */
  private readonly flags: Uint8Array;
  /** Per slot: its first anchor, and a required term besides the anchor (-1: none). */
  private readonly anchors: Int32Array;
  private readonly checks: Int32Array;
  private readonly seen: Uint32Array;
  private generation = 0;
  /** Index of the current batch's first paper among all the papers of the call. */
  private offset = 0;

  constructor(subscriptions: readonly Subscription[], options: MatcherOptions = {}) {
    const frequency = options.frequency ?? lengthFrequency;
    const filed = subscriptions.map((subscription, order) => {
      const { match } = subscription.query;
      const anchors = match === null ? null : anchorsOf(match, frequency);
      const ids = (anchors?.words ?? []).map((w) => this.terms.internWord(w.stem, w.prefix, w.field));
      return { subscription, order, anchorIds: [...new Set(ids)] };
    });
    filed.sort((a, b) => (a.anchorIds[0] ?? -1) - (b.anchorIds[0] ?? -1) || a.order - b.order);
    const builder = new ProgramBuilder(this.terms);
    this.pcs = new Int32Array(filed.length);
    this.flags = new Uint8Array(filed.length);
    this.anchors = new Int32Array(filed.length);
    this.checks = new Int32Array(filed.length);
    this.filterStart = new Int32Array(filed.length + 1);
    const filterIds: number[] = [];
    const filterKeys = new Map<string, number>();
    const postings: number[][] = [];
    const sure: number[][] = [];
    const always: number[] = [];
    filed.forEach(({ subscription, anchorIds }, slot) => {
      const { match, filters } = subscription.query;
      this.ids.push(subscription.id);
      this.pcs[slot] = match === null ? -1 : builder.add(match);
      for (const filter of filters) {
        const key = JSON.stringify(filter);
        let id = filterKeys.get(key);
        if (id === undefined) {
          id = this.filterList.push(filter) - 1;
          filterKeys.set(key, id);
        }
        filterIds.push(id);
      }
      this.filterStart[slot + 1] = filterIds.length;
      const fixed = match === null ? [] : fixedMatches(match);
      const result = fixed === null ? null : { subscriptionId: subscription.id, matched: fixed };
      this.results.push(result);
      const anchor = anchorIds[0] ?? -1;
      const includeIds = match === null ? [] : match.include.map((c) => (c.kind === "term" ? this.terms.intern(c) : -1));
      const check = match === null ? -1 : checkTerm(match, includeIds, anchorIds, frequency);
      const decided = match !== null && anchorIds.length === 1 && decidedBy(match, includeIds, [anchor, check]);
      this.flags[slot] = (filters.length > 0 ? FILTERS : 0) | (decided ? DECIDED : 0) | (anchorIds.length > 1 ? SHARED : 0);
      this.anchors[slot] = anchor;
      this.checks[slot] = check;
      if (anchorIds.length === 0) always.push(slot);
      else if (decided && check < 0 && filters.length === 0 && result !== null) (sure[anchor] ??= []).push(slot);
      else for (const id of anchorIds) (postings[id] ??= []).push(slot);
    });
    postings.forEach((slots, id) => {
      this.postings[id] = Int32Array.from(slots);
    });
    sure.forEach((slots, id) => {
      this.sure[id] = Int32Array.from(slots);
    });
    this.always = Int32Array.from(always);
    this.filterIds = Int32Array.from(filterIds);
    this.program = builder.finish();
    this.seen = new Uint32Array(filed.length);
  }

  get stats(): MatcherStats {
    return {
      subscriptions: this.ids.length,
      anchors: this.terms.terms.filter((_, id) => this.postings[id] !== undefined || this.sure[id] !== undefined).length,
      alwaysChecked: this.always.length,
      distinctTerms: this.terms.terms.length,
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
    for (let first = 0; first < items.length; first += BATCH_PAPERS) {
      this.matchBatch(items.slice(first, first + BATCH_PAPERS), prepare, first);
    }
    return this.pairs.finish(this.results);
  }

  /** Matches up to BATCH_PAPERS papers; `offset` is the index of the first among all papers given. */
  private matchBatch<T>(items: readonly T[], prepare: (item: T) => PaperDocument, offset: number): void {
    this.offset = offset;
    const { bits } = this;
    const termCount = this.terms.terms.length;
    bits.start(items.length, termCount + this.filterList.length);
    items.forEach((item, paper) => {
      const doc = prepare(item);
      this.terms.decide(doc, paper, bits);
      this.filterList.forEach((filter, id) => {
        if (filtersPass([filter], doc)) bits.set(termCount + id, paper);
      });
    });
    if (++this.generation === 0xffffffff) {
      this.seen.fill(0);
      this.generation = 1;
    }
    this.verify(this.always);
    for (const term of bits.touched) {
      if (term >= termCount) continue;
      const sure = this.sure[term];
      if (sure !== undefined) this.addSure(term, sure);
      const postings = this.postings[term];
      if (postings !== undefined) this.verify(postings);
    }
  }

  /** Adds the slots a term alone decides to every paper of the batch that contains the term. */
  private addSure(term: number, slots: Int32Array): void {
    const { rows, words } = this.bits;
    for (let w = 0; w < words; w += 1) {
      let word = rows[term * words + w] ?? 0;
      while (word !== 0) {
        const low = word & -word;
        word ^= low;
        const paper = (w << 5) + 31 - Math.clz32(low);
        for (let i = 0; i < slots.length; i += 1) this.pairs.add(this.offset + paper, slots[i] ?? 0);
      }
    }
  }

  /** Decides the candidate slots (each once per batch) and adds each to the papers it holds for. */
  private verify(slots: Int32Array): void {
    const { seen, generation, pcs, program, flags, anchors, checks, bits, selection } = this;
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
    const termCount = this.terms.terms.length;
    const end = this.filterStart[slot + 1] ?? 0;
    for (let i = this.filterStart[slot] ?? 0; i < end; i += 1) {
      const base = (termCount + (this.filterIds[i] ?? 0)) * words;
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
    const { words } = this.bits;
    const fixed = this.results[slot] !== null;
    for (let w = 0; w < words; w += 1) {
      let word = this.selection[w] ?? 0;
      while (word !== 0) {
        const low = word & -word;
        word ^= low;
        const paper = (w << 5) + 31 - Math.clz32(low);
        if (fixed) this.pairs.add(this.offset + paper, slot);
        else this.pairs.addMade(this.offset + paper, this.collected(slot, paper));
      }
    }
  }

  private collected(slot: number, paper: number): SubscriptionMatch {
    const matched: string[] = [];
    this.program.collect(this.pcs[slot] ?? 0, this.bits, paper, matched);
    const known = (this.made[slot] ??= []);
    for (const result of known) if (sameList(result.matched, matched)) return result;
    const result: SubscriptionMatch = { subscriptionId: this.ids[slot] ?? 0, matched };
    if (known.length < MADE_PER_SLOT) known.push(result);
    return result;
  }

}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether a query is nothing but required words that are all among `ids` (its anchor and check
 * term), so that once those occur it holds without running its code.
 */
function decidedBy(match: AllOf, includeIds: readonly number[], ids: readonly number[]): boolean {
  if (match.exclude.length > 0) return false;
  return includeIds.every((id) => id >= 0 && ids.includes(id));
}

/** The rarest required term that is not an anchor, or -1: a paper without it cannot match. */
function checkTerm(match: AllOf, includeIds: readonly number[], anchorIds: readonly number[], frequency: TermFrequency): number {
  let best = -1;
  let bestCost = Infinity;
  for (const [i, clause] of match.include.entries()) {
    const id = includeIds[i] ?? -1;
    if (clause.kind !== "term" || id < 0) continue;
    const cost = Math.min(...clause.stems.map(frequency));
    if (!anchorIds.includes(id) && cost < bestCost) {
      best = id;
      bestCost = cost;
    }
  }
  return best;
}

/** The spellings of every positive term when a query has no OR (so all of them matched), else null. */
function fixedMatches(match: NonNullable<Query["match"]>): string[] | null {
  const hasOr = (clause: NonNullable<Query["match"]>["include"][number]): boolean =>
    clause.kind === "any" || (clause.kind === "all" && clause.include.some(hasOr));
  if (match.include.some(hasOr)) return null;
  const texts: string[] = [];
  for (const clause of match.include) {
    if (clause.kind === "term" && !texts.includes(clause.text)) texts.push(clause.text);
    else if (clause.kind === "all") for (const t of positiveTerms(clause)) if (!texts.includes(t.text)) texts.push(t.text);
  }
  return texts;
}

/** Whether one prepared paper matches a query, with the terms that matched; [] for filters only. */
export function matchDocument(query: Query, doc: PaperDocument): string[] | null {
  return new SubscriptionMatcher([{ id: 0, query }]).matchDocument(doc)[0]?.matched.slice() ?? null;
}

/** Whether one paper matches a query (as the SQL search would find it), with the terms that matched. */
export function matchesQuery(query: Query, paper: Paper): string[] | null {
  return matchDocument(query, documentOf(paper));
}
