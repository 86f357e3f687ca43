import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outboxContract } from "./contract-outbox.js";
import { peopleContract } from "./contract-people.js";
import { sourcesContract } from "./contract-sources.js";
import type { Destination } from "../../src/domain/destination.js";
import type { NewPaper } from "../../src/domain/paper.js";
import type { Store } from "../../src/store/index.js";

/*
 * The store's contract: what the rest of the bot relies on, written against the interfaces in
 * src/store/types.ts only. Every implementation runs it unchanged through `storeContract(name,
 * open)`; `open` gives a fresh, empty store. Nothing here knows SQL.
 */

export const AT = new Date("2025-06-01T12:00:00Z");
export const iso = (d: Date) => d.toISOString();

export function newPaper(dumpId: number, n: number, extra: Partial<NewPaper> = {}): NewPaper {
  return {
    key: `title:paper ${n}`,
    arxivId: null,
    title: `Paper ${n}`,
    abstract: `About topic${n}.`,
    authors: [],
    authorCount: null,
    organization: null,
    organizationHandle: null,
    publishedOn: "2025-05-01",
    upvotes: 0,
    tldr: "",
    keywords: [],
    aiSummary: null,
    aiKeywords: [],
    githubRepo: null,
    projectPage: null,
    arxivVersion: null,
    primaryCategory: null,
    categories: [],
    arxivComment: null,
    firstDumpId: dumpId,
    seenAt: iso(AT),
    ...extra,
  };
}

/** A fresh store per test, and helpers that fill it through the interfaces. */
export interface Fixture {
  readonly store: Store;
  dump(hash?: string): number;
  paper(n: number, extra?: Partial<NewPaper>): number;
  channel(address: string): Destination;
}

function fixture(open: () => Store): Fixture {
  let current: Store | undefined;
  beforeEach(() => {
    current = open();
  });
  afterEach(() => current?.close());
  const f: Fixture = {
    get store(): Store {
      if (current === undefined) throw new Error("no store outside a test");
      return current;
    },
    dump: (hash = "h1") =>
      f.store.dumps.begin({ contentHash: hash, path: `${hash}.txt`, format: "text", dumpDate: "2025-06-01", papers: 0, warnings: "[]", at: iso(AT) }),
    paper: (n, extra = {}) => f.store.papers.insert(newPaper(f.dump(`d${n}`), n, extra)),
    channel: (address) => f.store.destinations.ensure({ platform: "console", kind: "channel", address }, "instant", AT),
  };
  return f;
}

/** Runs the whole contract against stores made by `open` (each test gets a fresh, empty one). */
export function storeContract(name: string, open: () => Store): void {
  const f = fixture(open);
  coreContract(name, f);
  outboxContract(name, f);
  peopleContract(name, f);
  sourcesContract(name, f);
}

function coreContract(name: string, f: Fixture): void {
  const { dump, paper } = f;

  describe(`${name}: units of work`, () => {
    it("GIVEN a unit of work that throws THEN none of its writes remain and the error comes through", () => {
      expect(() =>
        f.store.transaction(() => {
          paper(1);
          throw new Error("boom");
        }),
      ).toThrow("boom");
      expect(f.store.papers.count()).toBe(0);
    });

    it("GIVEN a nested unit that fails and is caught THEN only its own part is undone", () => {
      f.store.transaction(() => {
        paper(1);
        try {
          f.store.transaction(() => {
            paper(2);
            throw new Error("inner");
          });
        } catch {
          // the outer unit goes on
        }
      });
      expect(f.store.papers.count()).toBe(1);
    });

    it("GIVEN an async function THEN it is refused: a unit of work never spans an await", () => {
      expect(() => f.store.transaction((async () => paper(1)) as unknown as () => void)).toThrow();
      expect(f.store.papers.count()).toBe(0);
    });

    it("GIVEN a unit of work THEN it returns what its function returns", () => {
      expect(f.store.transaction(() => paper(1))).toBe(f.store.papers.latest(1)[0]?.id);
    });
  });

  describe(`${name}: papers`, () => {
    it("GIVEN an inserted paper THEN it reads back by id, arXiv id, title (any case) and lookup key, ids growing", () => {
      const a = paper(1, { arxivId: "2401.01234" });
      const b = paper(2);
      expect(b).toBeGreaterThan(a);
      expect(f.store.papers.get(a)).toMatchObject({ id: a, title: "Paper 1", arxivId: "2401.01234", authors: [], firstSeenAt: iso(AT) });
      expect(f.store.papers.findByArxivId("2401.01234")?.id).toBe(a);
      expect(f.store.papers.findByTitle("PAPER 2")?.id).toBe(b);
      f.store.papers.addLookupKeys(a, ["k:shared", "k:a"]);
      f.store.papers.addLookupKeys(b, ["k:shared"]);
      f.store.papers.addLookupKeys(a, ["k:a"]);
      expect(f.store.papers.findByLookupKey("k:shared").map((p) => p.id)).toEqual([a, b]);
      expect(f.store.papers.findByLookupKey("k:a").map((p) => p.id)).toEqual([a]);
    });

    it("GIVEN many papers under one lookup key THEN candidates are the oldest 20, with id, arXiv id and title, abstracts on request", () => {
      const ids = Array.from({ length: 25 }, (_, i) => paper(10 + i, i === 3 ? { arxivId: "2402.00003" } : {}));
      for (const id of [...ids].reverse()) f.store.papers.addLookupKeys(id, ["k:broad"]);
      const candidates = f.store.papers.candidatesByKey("k:broad");
      expect(candidates.map((c) => c.id)).toEqual(ids.slice(0, 20));
      expect(candidates[3]).toEqual({ id: ids[3], arxivId: "2402.00003", title: "Paper 13" });
      expect(f.store.papers.findByLookupKey("k:broad").map((p) => p.id)).toEqual(ids.slice(0, 20));
      expect(f.store.papers.abstractOf(ids[0] ?? 0)).toBe(f.store.papers.get(ids[0] ?? 0)?.abstract);
      expect(f.store.papers.abstractOf(-1)).toBe("");
    });

    it("GIVEN an update THEN every field is replaced and lists survive the round trip", () => {
      const id = paper(1);
      const before = f.store.papers.get(id);
      if (before === undefined) throw new Error("missing");
      f.store.papers.update({ ...before, upvotes: 9, authors: ["Ada", "Bob"], keywords: ["x"], lastSeenAt: "2025-06-02T00:00:00.000Z" });
      expect(f.store.papers.get(id)).toMatchObject({ upvotes: 9, authors: ["Ada", "Bob"], keywords: ["x"], lastSeenAt: "2025-06-02T00:00:00.000Z" });
    });

    it("GIVEN papers THEN topByUpvotes keeps the n most upvoted of the ids given, newest published breaking ties", () => {
      const ids = [
        paper(1, { upvotes: 5 }),
        paper(2, { upvotes: 9 }),
        paper(3, { upvotes: 5, publishedOn: "2025-05-20" }),
        paper(4, { upvotes: 50 }),
      ];
      expect(f.store.papers.topByUpvotes(ids.slice(0, 3), 2)).toEqual([ids[1], ids[2]]);
      expect(f.store.papers.topByUpvotes([], 5)).toEqual([]);
      expect(f.store.papers.mostUpvoted(3)).toEqual([ids[3], ids[1], ids[2]]);
    });

    it("GIVEN a new store THEN the first-run rule is pending until marked done, and stays done", () => {
      expect(f.store.firstRun.pending()).toBe(true);
      paper(1);
      expect(f.store.firstRun.pending()).toBe(true);
      f.store.firstRun.markDone(AT);
      f.store.firstRun.markDone(AT);
      expect(f.store.firstRun.pending()).toBe(false);
    });

    it("GIVEN repeated sightings THEN each (paper, dump) counts once with its largest upvotes, and rising measures the gain", () => {
      const id = paper(1, { upvotes: 3 });
      const d1 = dump("s1");
      const d2 = dump("s2");
      f.store.papers.recordSighting(id, d1, 3, "2025-06-01", "2025-06-01T00:00:00.000Z");
      f.store.papers.recordSighting(id, d1, 2, "2025-06-01", "2025-06-01T00:00:00.000Z");
      f.store.papers.recordSighting(id, d2, 10, "2025-06-02", "2025-06-02T00:00:00.000Z");
      expect(f.store.papers.rising("2025-05-01T00:00:00.000Z", 5)).toEqual([expect.objectContaining({ gain: 7 })]);
      expect(f.store.papers.mostUpvotedSeenSince("2025-06-02T00:00:00.000Z", 5).map((p) => p.id)).toEqual([id]);
      expect(f.store.status().sightings).toBe(2);
    });
  });

  describe(`${name}: dumps`, () => {
    it("GIVEN an ingested dump THEN a rejection of the same bytes leaves it alone, and a second ingest of them is refused", () => {
      const id = dump("same");
      f.store.dumps.finish(id, 3, 1);
      f.store.dumps.reject({ contentHash: "same", path: "x", error: "bad", at: iso(AT) });
      expect(f.store.dumps.findByHash("same")).toMatchObject({ id, status: "ingested", newPapers: 3, knownPapers: 1, error: null });
      expect(() => dump("same")).toThrow();
    });

    it("GIVEN a rejected dump THEN it is refreshed on a new rejection and can be forgotten, then ingested", () => {
      f.store.dumps.reject({ contentHash: "r", path: "a", error: "first", at: iso(AT) });
      f.store.dumps.reject({ contentHash: "r", path: "b", error: "second", at: iso(AT) });
      expect(f.store.dumps.findByHash("r")).toMatchObject({ status: "rejected", path: "b", error: "second" });
      f.store.dumps.forgetRejected("r");
      expect(f.store.dumps.findByHash("r")).toBeUndefined();
      dump("r");
      expect(f.store.status()).toMatchObject({ dumps: 1, rejectedDumps: 0 });
    });
  });

  describe(`${name}: destinations and subscriptions`, () => {
    it("GIVEN ensure twice THEN one destination, the first default schedule kept; settings, disable and enable round-trip", () => {
      const a = f.store.destinations.ensure({ platform: "slack", kind: "channel", address: "C1" }, "daily 09:00", AT);
      const again = f.store.destinations.ensure({ platform: "slack", kind: "channel", address: "C1" }, "instant", AT);
      expect(again.id).toBe(a.id);
      expect(again.schedule).toBe("daily 09:00");
      f.store.destinations.configure(a.id, { schedule: "instant", timeZone: "Europe/Berlin", minUpvotes: 3, filter: "x", digestEnabled: true }, AT);
      expect(f.store.destinations.digestDestinations().map((d) => d.id)).toEqual([a.id]);
      f.store.destinations.disable(a.id, "gone", AT);
      expect(f.store.destinations.get(a.id)).toMatchObject({ status: "disabled", statusReason: "gone", timeZone: "Europe/Berlin", minUpvotes: 3 });
      expect(f.store.destinations.digestDestinations()).toEqual([]);
      f.store.destinations.enable(a.id, AT);
      expect(f.store.destinations.find("slack", "channel", "C1")).toMatchObject({ status: "active", statusReason: null });
    });

    it("GIVEN subscriptions THEN they list oldest first per owner, and the version changes with each change to the active set", () => {
      const dm = f.store.destinations.ensure({ platform: "console", kind: "dm", address: "ada" }, "instant", AT);
      const versions = [f.store.subscriptions.version()];
      const sub = (q: string) => f.store.subscriptions.add({ platform: "console", ownerId: "ada", destinationId: dm.id, query: q, rhythm: "daily" }, AT);
      const first = sub("attention");
      const second = sub("diffusion");
      versions.push(f.store.subscriptions.version());
      expect(f.store.subscriptions.ofOwner("console", "ada").map((s) => s.id)).toEqual([first, second]);
      expect(f.store.subscriptions.pauseForDestination(dm.id, "DMs closed")).toBe(2);
      versions.push(f.store.subscriptions.version());
      expect(f.store.subscriptions.allActive()).toEqual([]);
      expect(f.store.subscriptions.resumeForOwner("console", "ada")).toBe(2);
      versions.push(f.store.subscriptions.version());
      f.store.subscriptions.remove(first);
      versions.push(f.store.subscriptions.version());
      for (let i = 1; i < versions.length; i += 1) expect(versions[i]).not.toBe(versions[i - 1]);
      expect(f.store.subscriptions.count()).toBe(1);
    });
  });
}
