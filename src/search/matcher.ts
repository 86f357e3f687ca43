import type { Paper } from "../store/papers.js";
import { anchorsOf, lengthFrequency, type TermFrequency } from "./anchors.js";
import { documentOf, type PaperDocument } from "./document.js";
import { matchDocument } from "./evaluate.js";
import type { Query } from "./query.js";

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
 * `termFrequencies(db)`); without it, the longest non-boilerplate term is taken as the rarest.
 */
export interface MatcherOptions {
  readonly frequency?: TermFrequency;
}

/** How the subscriptions were indexed, for logs and benchmarks. */
export interface MatcherStats {
  readonly subscriptions: number;
  readonly termKeys: number;
  readonly prefixKeys: number;
  readonly alwaysChecked: number;
}

function add(index: Map<string, number[]>, key: string, slot: number): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [slot]);
  else list.push(slot);
}

/**
 * Matches new papers against many subscriptions without asking SQLite once per subscription. Each
 * subscription is filed under its anchors (terms every matching paper must contain); a paper is
 * tokenized once, its terms pick the candidate subscriptions, and only those are verified in full.
 * Subscriptions without a positive term (filters only) are checked for every paper.
 */
export class SubscriptionMatcher {
  private readonly subscriptions: readonly Subscription[];
  private readonly byTerm = new Map<string, number[]>();
  private readonly byPrefix = new Map<string, number[]>();
  private readonly always: number[] = [];
  private readonly seen: Uint32Array;
  private generation = 0;
  private longestPrefix = 0;

  constructor(subscriptions: readonly Subscription[], options: MatcherOptions = {}) {
    this.subscriptions = [...subscriptions];
    this.seen = new Uint32Array(this.subscriptions.length);
    const frequency = options.frequency ?? lengthFrequency;
    this.subscriptions.forEach((subscription, slot) => {
      const anchors = subscription.query.match === null ? null : anchorsOf(subscription.query.match, frequency);
      if (anchors === null || anchors.terms.length + anchors.prefixes.length === 0) {
        this.always.push(slot);
        return;
      }
      for (const term of anchors.terms) add(this.byTerm, term, slot);
      for (const prefix of anchors.prefixes) {
        add(this.byPrefix, prefix, slot);
        this.longestPrefix = Math.max(this.longestPrefix, prefix.length);
      }
    });
  }

  get stats(): MatcherStats {
    return {
      subscriptions: this.subscriptions.length,
      termKeys: this.byTerm.size,
      prefixKeys: this.byPrefix.size,
      alwaysChecked: this.always.length,
    };
  }

  /** The subscriptions the paper satisfies, in the order they were given. */
  match(paper: Paper): SubscriptionMatch[] {
    return this.matchDocument(documentOf(paper));
  }

  /** As `match`, for a paper already prepared with `documentOf` (to share it with other checks). */
  matchDocument(doc: PaperDocument): SubscriptionMatch[] {
    const candidates = this.candidates(doc);
    candidates.sort((a, b) => a - b);
    const matches: SubscriptionMatch[] = [];
    for (const slot of candidates) {
      const subscription = this.subscriptions[slot];
      if (subscription === undefined) continue;
      const matched = matchDocument(subscription.query, doc);
      if (matched !== null) matches.push({ subscriptionId: subscription.id, matched });
    }
    return matches;
  }

  private candidates(doc: PaperDocument): number[] {
    this.generation += 1;
    if (this.generation === 0xffffffff) {
      this.seen.fill(0);
      this.generation = 1;
    }
    const generation = this.generation;
    const seen = this.seen;
    const candidates: number[] = [];
    const take = (slots: readonly number[] | undefined): void => {
      if (slots === undefined) return;
      for (const slot of slots) {
        if (seen[slot] === generation) continue;
        seen[slot] = generation;
        candidates.push(slot);
      }
    };
    take(this.always);
    const prefixes = this.byPrefix.size > 0;
    for (const term of doc.terms) {
      take(this.byTerm.get(term));
      if (!prefixes) continue;
      const longest = Math.min(term.length, this.longestPrefix);
      for (let length = 1; length <= longest; length += 1) take(this.byPrefix.get(term.slice(0, length)));
    }
    return candidates;
  }
}
