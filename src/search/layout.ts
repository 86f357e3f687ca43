import { anchorsOf, type TermFrequency } from "./anchors.js";
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

/** Slot flag: the subscription has since:/upvotes: filters. */
export const FILTERS = 1;
/** Slot flag: its anchor and check term are its whole query, so it holds where they both occur. */
export const DECIDED = 2;
/** Slot flag: filed under several words (one per alternative of a required OR). */
export const SHARED = 4;

/**
 * Subscriptions laid out for matching. Each is a slot, in anchor order, so the candidates of one
 * word sit next to each other in typed arrays. A subscription is filed under anchor words that
 * every paper it matches must contain (its rarest-looking required word, or one word per
 * alternative of a required OR) and keeps a second required word, its check.
 */
export interface Layout {
  readonly terms: TermIndex;
  readonly program: Program;
  /** Per slot: the subscription's id and code start (-1: filters only). */
  readonly ids: readonly number[];
  readonly pcs: Int32Array;
  /** Distinct filters across all subscriptions. */
  readonly filterList: readonly Filter[];
  /** Per slot, its filter ids: `filterIds[filterStart[slot] .. filterStart[slot + 1]]`. */
  readonly filterStart: Int32Array;
  readonly filterIds: Int32Array;
  /** Per slot, its result when the `matched` list cannot vary (no OR), made once; else null. */
  readonly results: readonly (SubscriptionMatch | null)[];
  /** Slots filed under each term id that need checking. */
  readonly postings: readonly (Int32Array | undefined)[];
  /** Slots filed under each term id that the term alone decides (they hold wherever it occurs). */
  readonly sure: readonly (Int32Array | undefined)[];
  /** Slots with no word to file them under (filters only): looked at for every batch. */
  readonly always: Int32Array;
  /** Per slot: FILTERS, DECIDED, SHARED. */
  readonly flags: Uint8Array;
  /** Per slot: its first anchor, and a required term besides the anchor (-1: none). */
  readonly anchors: Int32Array;
  readonly checks: Int32Array;
}

/** Files every subscription under its anchors and compiles its query; `frequency` ranks the candidate anchors. */
export function layOut(subscriptions: readonly Subscription[], frequency: TermFrequency): Layout {
  const terms = new TermIndex();
  const filed = subscriptions.map((subscription, order) => {
    const { match } = subscription.query;
    const anchors = match === null ? null : anchorsOf(match, frequency);
    const ids = (anchors?.words ?? []).map((w) => terms.internWord(w.stem, w.prefix, w.field));
    return { subscription, order, anchorIds: [...new Set(ids)] };
  });
  filed.sort((a, b) => (a.anchorIds[0] ?? -1) - (b.anchorIds[0] ?? -1) || a.order - b.order);
  const builder = new ProgramBuilder(terms);
  const slots = filed.length;
  const pcs = new Int32Array(slots);
  const anchors = new Int32Array(slots);
  const checks = new Int32Array(slots);
  const filterStart = new Int32Array(slots + 1);
  const flags = new Uint8Array(slots);
  const ids: number[] = [];
  const results: (SubscriptionMatch | null)[] = [];
  const filterList: Filter[] = [];
  const filterIds: number[] = [];
  const filterKeys = new Map<string, number>();
  const postings: number[][] = [];
  const sure: number[][] = [];
  const always: number[] = [];
  filed.forEach(({ subscription, anchorIds }, slot) => {
    const { match, filters } = subscription.query;
    ids.push(subscription.id);
    pcs[slot] = match === null ? -1 : builder.add(match);
    for (const filter of filters) {
      const key = JSON.stringify(filter);
      let id = filterKeys.get(key);
      if (id === undefined) {
        id = filterList.push(filter) - 1;
        filterKeys.set(key, id);
      }
      filterIds.push(id);
    }
    filterStart[slot + 1] = filterIds.length;
    const fixed = match === null ? [] : fixedMatches(match);
    const result = fixed === null ? null : { subscriptionId: subscription.id, matched: fixed };
    results.push(result);
    const anchor = anchorIds[0] ?? -1;
    const includeIds = match === null ? [] : match.include.map((c) => (c.kind === "term" ? terms.intern(c) : -1));
    const check = match === null ? -1 : checkTerm(match, includeIds, anchorIds, frequency);
    const decided = match !== null && anchorIds.length === 1 && decidedBy(match, includeIds, [anchor, check]);
    flags[slot] = (filters.length > 0 ? FILTERS : 0) | (decided ? DECIDED : 0) | (anchorIds.length > 1 ? SHARED : 0);
    anchors[slot] = anchor;
    checks[slot] = check;
    if (anchorIds.length === 0) always.push(slot);
    else if (decided && check < 0 && filters.length === 0 && result !== null) (sure[anchor] ??= []).push(slot);
    else for (const id of anchorIds) (postings[id] ??= []).push(slot);
  });
  const typed = (lists: number[][]): (Int32Array | undefined)[] => Array.from(lists, (list) => (list === undefined ? undefined : Int32Array.from(list)));
  return {
    terms,
    program: builder.finish(),
    ids,
    pcs,
    filterList,
    filterStart,
    filterIds: Int32Array.from(filterIds),
    results,
    postings: typed(postings),
    sure: typed(sure),
    always: Int32Array.from(always),
    flags,
    anchors,
    checks,
  };
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
function fixedMatches(match: AllOf): string[] | null {
  const hasOr = (clause: AllOf["include"][number]): boolean =>
    clause.kind === "any" || (clause.kind === "all" && clause.include.some(hasOr));
  if (match.include.some(hasOr)) return null;
  const texts: string[] = [];
  for (const clause of match.include) {
    if (clause.kind === "term" && !texts.includes(clause.text)) texts.push(clause.text);
    else if (clause.kind === "all") for (const t of positiveTerms(clause)) if (!texts.includes(t.text)) texts.push(t.text);
  }
  return texts;
}
