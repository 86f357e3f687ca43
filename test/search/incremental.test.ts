import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MatcherCache } from "../../src/delivery/planner.js";
import { IncrementalMatcher, MAX_PENDING } from "../../src/search/incremental.js";
import { parseQuery, SubscriptionMatcher, type Matches, type Query, type Subscription } from "../../src/search/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import type { Paper } from "../../src/domain/paper.js";
import { connectionOf } from "../../src/store/sqlite.js";
import { addSamplePapers } from "./samples.js";
import { openTestStore } from "./store.js";

/*
 * Taking subscriptions in and out one at a time must give exactly what a matcher built afresh
 * from the same subscriptions gives, whatever the order of adds, removals, replacements and full
 * rebuilds.
 */

const TEXTS = [
  "attention",
  "linear attention",
  '"language models"',
  "quant*",
  "encryption OR homomorphic",
  "title:graph",
  "diffusion -image",
  "model upvotes:>=3",
  "since:2024-06-01",
  "(sparse OR dense) training",
  "org:openbmb",
  "transformer -linear",
];
const QUERIES: Query[] = TEXTS.map((text) => {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  return parsed.query;
});

let papers: Paper[];
let paperStore: ReturnType<typeof openTestStore>;
beforeAll(() => {
  paperStore = openTestStore();
  papers = addSamplePapers(paperStore);
});
afterAll(() => paperStore.db.close());

/** Every (paper, subscription, matched terms) of a match call, in one order. */
function pairs(matches: Matches): string[] {
  const out: string[] = [];
  for (let i = 0; i < matches.size; i += 1) {
    const hit = matches.at(i);
    out.push(`${matches.paper(i)}:${hit.subscriptionId}:${hit.matched.join("|")}`);
  }
  return out.sort();
}

type Step = { kind: "add"; id: number; query: number } | { kind: "remove"; id: number } | { kind: "rebuild" };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("add" as const), id: fc.integer({ min: 1, max: 40 }), query: fc.nat(QUERIES.length - 1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("remove" as const), id: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "rebuild" as const }) },
);

describe("IncrementalMatcher", () => {
  it("GIVEN any sequence of adds, removals, replacements and rebuilds THEN it matches as a matcher built afresh", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }), fc.array(step, { maxLength: 30 }), (initial, steps) => {
        const current = new Map<number, Subscription>();
        for (const [i, id] of initial.entries()) current.set(id, { id, query: QUERIES[i % QUERIES.length] ?? QUERIES[0]! });
        const matcher = new IncrementalMatcher([...current.values()]);
        for (const s of steps) {
          if (s.kind === "add") {
            const sub = { id: s.id, query: QUERIES[s.query] ?? QUERIES[0]! };
            current.set(s.id, sub);
            matcher.add(sub);
          } else if (s.kind === "remove") {
            current.delete(s.id);
            matcher.remove(s.id);
          } else {
            matcher.rebuild();
          }
          expect(matcher.size).toBe(current.size);
        }
        expect(pairs(matcher.matchAll(papers))).toEqual(pairs(new SubscriptionMatcher([...current.values()]).matchAll(papers)));
      }),
      { seed: 20251128, numRuns: 120 },
    );
  });

  it("GIVEN more additions than it keeps aside THEN it asks for a rebuild, and after one it still matches the same", () => {
    const matcher = new IncrementalMatcher([]);
    const subs = Array.from({ length: MAX_PENDING + 1 }, (_, i) => ({ id: i + 1, query: QUERIES[i % QUERIES.length]! }));
    for (const sub of subs) matcher.add(sub);
    expect(matcher.needsRebuild).toBe(true);
    const before = pairs(matcher.matchAll(papers));
    matcher.rebuild();
    expect(matcher.needsRebuild).toBe(false);
    expect(pairs(matcher.matchAll(papers))).toEqual(before);
  });

  it("GIVEN more papers than one batch and pending changes THEN it still matches as a matcher built afresh", () => {
    const many = Array.from({ length: 11 }, () => papers).flat();
    const subs = QUERIES.map((query, i) => ({ id: i + 1, query }));
    const matcher = new IncrementalMatcher(subs.slice(0, 8));
    for (const sub of subs.slice(8)) matcher.add(sub);
    matcher.remove(2);
    const current = subs.filter((s) => s.id !== 2);
    expect(many.length).toBeGreaterThan(1024);
    expect(pairs(matcher.matchAll(many))).toEqual(pairs(new SubscriptionMatcher(current).matchAll(many)));
  });
});

describe("MatcherCache updates", () => {
  let store: Store;
  afterAll(() => store.close());

  it("GIVEN subscriptions added, deleted, edited and paused one at a time THEN the cached matcher matches as one built afresh", () => {
    store = openStore(":memory:");
    const at = new Date("2025-12-20T12:00:00Z");
    const dest = store.destinations.ensure({ platform: "console", kind: "dm", address: "ada" }, "instant", at);
    const cache = new MatcherCache();
    const add = (text: string): number =>
      store.subscriptions.add({ platform: "console", ownerId: "ada", destinationId: dest.id, query: text, rhythm: "instant" }, at);
    const ids = TEXTS.map(add);
    cache.get(store);
    connectionOf(store).prepare("DELETE FROM subscriptions WHERE id = ?").run(ids[0]);
    connectionOf(store).prepare("UPDATE subscriptions SET query = 'graph' WHERE id = ?").run(ids[1]);
    connectionOf(store).prepare("UPDATE subscriptions SET status = 'paused' WHERE id = ?").run(ids[2]);
    add("sparse");
    add("((broken");
    const { matcher, subscriptions } = cache.get(store);
    const fresh = [...subscriptions.values()].flatMap((s) => {
      const parsed = parseQuery(s.query);
      return parsed.ok ? [{ id: s.id, query: parsed.query }] : [];
    });
    expect(fresh.map((s) => s.id)).not.toContain(ids[0]);
    expect(fresh.map((s) => s.id)).not.toContain(ids[2]);
    expect(pairs(matcher.matchAll(papers))).toEqual(pairs(new SubscriptionMatcher(fresh).matchAll(papers)));
    expect(pairs(matcher.matchAll(papers)).some((p) => p.endsWith(`:${ids[1]}:graph`))).toBe(true);
  });
});
