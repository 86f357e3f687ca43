import type { Paper } from "../domain/paper.js";
import { BATCH_PAPERS, MatchTable } from "./batch.js";
import { documentOf } from "./document.js";
import { SubscriptionMatcher, type Matches, type MatcherOptions, type Subscription, type SubscriptionMatch } from "./matcher.js";

/** Subscriptions added since the last full build that are matched by a small matcher of their own. */
export const MAX_PENDING = 256;

/**
 * A subscription matcher that takes one subscription in or out without rebuilding: the bulk is
 * a matcher built once (laying out 100,000 subscriptions takes a second or more), subscriptions
 * added since sit in a small matcher rebuilt on each change (a few hundred at most), and removed
 * ones are struck from the bulk's results until the next full build. `needsRebuild` says when the
 * small side has grown enough that a full build (`rebuild`, at a quiet moment) pays off. Matches
 * are those of one matcher built from the same subscriptions, in another order.
 */
export class IncrementalMatcher {
  private bulk: SubscriptionMatcher;
  private inBulk: Map<number, Subscription>;
  private readonly added = new Map<number, Subscription>();
  private addedMatcher: SubscriptionMatcher | null = null;
  private readonly struck = new Set<number>();

  constructor(
    subscriptions: readonly Subscription[],
    private readonly options: MatcherOptions = {},
  ) {
    this.inBulk = new Map(subscriptions.map((s) => [s.id, s]));
    this.bulk = new SubscriptionMatcher([...this.inBulk.values()], options);
  }

  /** How many subscriptions it matches. */
  get size(): number {
    return this.inBulk.size - this.struck.size + this.added.size;
  }

  /** Adds a subscription, or replaces the one with its id. */
  add(subscription: Subscription): void {
    if (this.inBulk.has(subscription.id)) this.struck.add(subscription.id);
    this.added.set(subscription.id, subscription);
    this.addedMatcher = null;
  }

  /** Removes a subscription; unknown ids are ignored. */
  remove(id: number): void {
    if (this.added.delete(id)) this.addedMatcher = null;
    if (this.inBulk.has(id)) this.struck.add(id);
  }

  /** Whether the changes since the last full build are many enough to fold them in. */
  get needsRebuild(): boolean {
    return this.added.size > MAX_PENDING || this.struck.size > Math.max(MAX_PENDING, this.inBulk.size / 10);
  }

  /** Lays out every current subscription afresh in one matcher. */
  rebuild(): void {
    const current = new Map<number, Subscription>();
    for (const [id, s] of this.inBulk) if (!this.struck.has(id)) current.set(id, s);
    for (const [id, s] of this.added) current.set(id, s);
    this.inBulk = current;
    this.bulk = new SubscriptionMatcher([...current.values()], this.options);
    this.added.clear();
    this.struck.clear();
    this.addedMatcher = null;
  }

  /** Lays out the subscriptions added since the last full build now rather than at the next match. */
  settle(): SubscriptionMatcher {
    return (this.addedMatcher ??= new SubscriptionMatcher([...this.added.values()], this.options));
  }

  /** The subscriptions each paper matches, as `SubscriptionMatcher.matchAll` gives them. */
  matchAll(papers: readonly Paper[]): Matches {
    if (this.added.size === 0 && this.struck.size === 0) return this.bulk.matchAll(papers);
    // Up to a batch (what the planner hands over), both matchers share each paper's tokens.
    const docs = papers.length <= BATCH_PAPERS ? papers.map(documentOf) : null;
    const fromBulk = (): Matches => (docs === null ? this.bulk.matchAll(papers) : this.bulk.matchDocuments(docs));
    const struck = this.struck;
    const keep = (match: SubscriptionMatch): boolean => !struck.has(match.subscriptionId);
    const small = this.settle();
    return MatchTable.join(fromBulk(), keep, docs === null ? small.matchAll(papers) : small.matchDocuments(docs));
  }
}
