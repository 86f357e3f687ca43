import { IncrementalMatcher } from "../search/incremental.js";
import { parseQuery, type Query } from "../search/index.js";
import type { Subscription } from "../domain/subscription.js";
import type { Store } from "../store/index.js";

/**
 * Keeps the subscription matcher between ingests. When subscriptions change (added, removed,
 * paused or resumed: `SubscriptionStore.version()`), only the changed ones are parsed and taken
 * in or out of the matcher, instead of re-parsing and laying out every query; the full layout is
 * redone only once enough changes have piled up.
 */
export class MatcherCache {
  private signature = "";
  private matcher: IncrementalMatcher | null = null;
  private subscriptions = new Map<number, Subscription>();
  /** Each active subscription's query text and its parse (null: it no longer parses). */
  private readonly parsed = new Map<number, { text: string; query: Query | null }>();

  get(store: Store): { matcher: IncrementalMatcher; subscriptions: Map<number, Subscription> } {
    const signature = store.subscriptions.version();
    if (this.matcher === null || signature !== this.signature) {
      this.matcher = this.update(store.subscriptions.allActive(), this.matcher);
      this.signature = signature;
    }
    if (this.matcher.needsRebuild) this.matcher.rebuild();
    this.matcher.settle();
    return { matcher: this.matcher, subscriptions: this.subscriptions };
  }

  private parse(sub: Subscription): Query | null {
    const known = this.parsed.get(sub.id);
    if (known !== undefined && known.text === sub.query) return known.query;
    const result = parseQuery(sub.query);
    const query = result.ok ? result.query : null;
    this.parsed.set(sub.id, { text: sub.query, query });
    return query;
  }

  private update(active: readonly Subscription[], matcher: IncrementalMatcher | null): IncrementalMatcher {
    const next = new Map(active.map((s) => [s.id, s]));
    if (matcher === null) {
      const entries: { id: number; query: Query }[] = [];
      for (const sub of active) {
        const query = this.parse(sub);
        if (query !== null) entries.push({ id: sub.id, query });
      }
      this.subscriptions = next;
      return new IncrementalMatcher(entries);
    }
    for (const id of [...this.parsed.keys()]) {
      if (next.has(id)) continue;
      this.parsed.delete(id);
      matcher.remove(id);
    }
    for (const sub of active) {
      const before = this.parsed.get(sub.id);
      if (before !== undefined && before.text === sub.query) continue;
      const query = this.parse(sub);
      if (query === null) matcher.remove(sub.id);
      else matcher.add({ id: sub.id, query });
    }
    this.subscriptions = next;
    return matcher;
  }
}
