import type { Paper } from "../store/papers.js";
import { anchorsOf, lengthFrequency, type TermFrequency } from "./anchors.js";
import { documentOf, type PaperDocument } from "./document.js";
import { filtersPass } from "./evaluate.js";
import { ProgramBuilder, type Program } from "./program.js";
import { positiveTerms, type AllOf, type Filter, type Query } from "./query.js";
import { TermIndex, YES } from "./term-index.js";

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

const FILTERS = 1;
const DECIDED = 2;
const SHARED = 4;

/**
 * Matches new papers against many subscriptions without asking SQLite once per subscription.
 * Each subscription is filed under anchor words that every paper it matches must contain (its
 * rarest-looking required word, or one word per alternative of a required OR). A paper is
 * tokenized once; the words it contains pick the candidate subscriptions, and only those run
 * their compiled query. Subscriptions are laid out in anchor order, in typed arrays, so the
 * candidates of one word sit next to each other in memory.
 */
export class SubscriptionMatcher {
  private readonly terms = new TermIndex();
  private readonly program: Program;
  /** Per slot (anchor order): the subscription's id and code start (-1: filters only). */
  private readonly ids: number[] = [];
  private readonly pcs: Int32Array;
  /** Distinct filters across all subscriptions, decided once per paper into `passes`. */
  private readonly filterList: Filter[] = [];
  private passes = new Uint8Array(0);
  /** Per slot, its filter ids: `filterIds[filterStart[slot] .. filterStart[slot + 1]]`. */
  private readonly filterStart: Int32Array;
  private readonly filterIds: Int32Array;
  /** Per slot, its result when the `matched` list cannot vary (no OR), made once; else null. */
  private readonly results: (SubscriptionMatch | null)[] = [];
  /** Slots filed under each term id that need checking. */
  private readonly postings: (Int32Array | undefined)[] = [];
  /** Slots filed under each term id that the term alone decides: the results to add when it occurs. */
  private readonly sure: (SubscriptionMatch[] | undefined)[] = [];
  private readonly always: Int32Array;
  /**
   * Per slot: FILTERS, DECIDED (its anchor and check term are its whole query, so it holds once
   * they do), SHARED (filed under several words).
   */
  private readonly flags: Uint8Array;
  /** Per slot: a required term besides the anchor (-1: none), to reject most candidates in one read. */
  private readonly checks: Int32Array;
  private readonly seen: Uint32Array;
  private generation = 0;

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
    this.checks = new Int32Array(filed.length);
    this.filterStart = new Int32Array(filed.length + 1);
    const filterIds: number[] = [];
    const filterKeys = new Map<string, number>();
    const postings: number[][] = [];
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
      const result = fixed === null ? null : Object.freeze({ subscriptionId: subscription.id, matched: Object.freeze(fixed) });
      this.results.push(result);
      const check = match === null ? -1 : checkTerm(match, anchorIds, this.terms, frequency);
      const decided = match !== null && anchorIds.length === 1 && decidedBy(match, [anchorIds[0] ?? -1, check], this.terms);
      this.flags[slot] = (filters.length > 0 ? FILTERS : 0) | (decided ? DECIDED : 0) | (anchorIds.length > 1 ? SHARED : 0);
      this.checks[slot] = check;
      if (anchorIds.length === 0) always.push(slot);
      else if (decided && check < 0 && filters.length === 0 && result !== null) (this.sure[anchorIds[0] ?? 0] ??= []).push(result);
      else for (const id of anchorIds) (postings[id] ??= []).push(slot);
    });
    postings.forEach((slots, id) => {
      this.postings[id] = Int32Array.from(slots);
    });
    this.always = Int32Array.from(always);
    this.filterIds = Int32Array.from(filterIds);
    this.passes = new Uint8Array(this.filterList.length);
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
    const present = this.terms.reset(doc);
    this.filterList.forEach((filter, id) => {
      this.passes[id] = filtersPass([filter], doc) ? 1 : 0;
    });
    if (++this.generation === 0xffffffff) {
      this.seen.fill(0);
      this.generation = 1;
    }
    const matches: SubscriptionMatch[] = [];
    this.verify(this.always, matches);
    for (const termId of present) {
      const sure = this.sure[termId];
      if (sure !== undefined) for (const result of sure) matches.push(result);
      const postings = this.postings[termId];
      if (postings !== undefined) this.verify(postings, matches);
    }
    return matches;
  }

  /** Runs the candidate slots (once each per paper); adds the result of each that matches. */
  private verify(slots: Int32Array, matches: SubscriptionMatch[]): void {
    const { seen, generation, pcs, program, flags, checks } = this;
    const decided = this.terms.decided;
    for (let i = 0; i < slots.length; i += 1) {
      const slot = slots[i] ?? 0;
      const flag = flags[slot] ?? 0;
      if (flag & SHARED) {
        if (seen[slot] === generation) continue;
        seen[slot] = generation;
      }
      const check = checks[slot] ?? -1;
      if (check >= 0 && decided[check] !== YES) continue;
      if (flag & FILTERS && !this.filtersPass(slot)) continue;
      const pc = pcs[slot] ?? -1;
      if (flag & DECIDED || pc < 0 || program.holds(pc)) matches.push(this.result(slot));
    }
  }

  private filtersPass(slot: number): boolean {
    const end = this.filterStart[slot + 1] ?? 0;
    for (let i = this.filterStart[slot] ?? 0; i < end; i += 1) if (this.passes[this.filterIds[i] ?? 0] !== 1) return false;
    return true;
  }

  private result(slot: number): SubscriptionMatch {
    const fixed = this.results[slot];
    if (fixed !== null && fixed !== undefined) return fixed;
    const matched: string[] = [];
    this.program.collect(this.pcs[slot] ?? 0, matched);
    return { subscriptionId: this.ids[slot] ?? 0, matched };
  }
}

/**
 * Whether a query is nothing but required words that are all among `ids` (its anchor and check
 * term), so that once those occur it holds without running its code.
 */
function decidedBy(match: AllOf, ids: readonly number[], terms: TermIndex): boolean {
  if (match.exclude.length > 0) return false;
  return match.include.every((clause) => clause.kind === "term" && ids.includes(terms.intern(clause)));
}

/** The rarest required term that is not an anchor, or -1: a paper without it cannot match. */
function checkTerm(match: AllOf, anchorIds: readonly number[], terms: TermIndex, frequency: TermFrequency): number {
  let best = -1;
  let bestCost = Infinity;
  for (const clause of match.include) {
    if (clause.kind !== "term") continue;
    const id = terms.intern(clause);
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
  return [...new Set(positiveTerms(match).map((t) => t.text))];
}

/** Whether one prepared paper matches a query, with the terms that matched; [] for filters only. */
export function matchDocument(query: Query, doc: PaperDocument): string[] | null {
  return new SubscriptionMatcher([{ id: 0, query }]).matchDocument(doc)[0]?.matched.slice() ?? null;
}

/** Whether one paper matches a query (as the SQL search would find it), with the terms that matched. */
export function matchesQuery(query: Query, paper: Paper): string[] | null {
  return matchDocument(query, documentOf(paper));
}
