import { describe, expect, it } from "vitest";
import { parseQuery, type Query } from "../../src/search/index.js";
import { AT, type Fixture } from "./contract.js";

function query(text: string): Query {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.query;
}

/** The outbox and search parts of the store contract. */
export function outboxContract(name: string, f: Fixture): void {
  const { paper, channel } = f;
  describe(`${name}: the outbox`, () => {
    const enqueue = (paperId: number, destinationId: number, extra: { subs?: number[]; matched?: string[]; due?: string } = {}) =>
      f.store.deliveries.enqueue(
        {
          paperId,
          destinationId,
          reason: extra.subs === undefined ? "digest" : "subscription",
          subscriptionIds: extra.subs ?? [],
          matched: extra.matched ?? [],
          dueAt: new Date(extra.due ?? "2025-06-01T10:00:00Z"),
        },
        AT,
      );

    it("GIVEN a second enqueue of a pending row THEN one row, subscriptions and terms merged, the earlier due time kept", () => {
      const p = paper(1);
      const dest = channel("c").id;
      enqueue(p, dest, { subs: [1], matched: ["a"], due: "2025-06-01T11:00:00Z" });
      enqueue(p, dest, { subs: [2], matched: ["a", "b"], due: "2025-06-01T10:00:00Z" });
      const [row, ...rest] = f.store.deliveries.due(new Date("2025-06-01T10:00:00Z"), 10, ["console"]);
      expect(rest).toEqual([]);
      expect(row).toMatchObject({ subscriptionIds: [1, 2], matched: ["a", "b"], dueAt: "2025-06-01T10:00:00.000Z", state: "pending" });
    });

    it("GIVEN a row already sent THEN enqueueing it again changes nothing", () => {
      const p = paper(1);
      const dest = channel("c").id;
      enqueue(p, dest);
      const id = f.store.deliveries.due(AT, 10, ["console"])[0]?.id ?? 0;
      f.store.deliveries.mark(id, "sent", AT, { attempted: true });
      enqueue(p, dest, { subs: [7] });
      expect(f.store.deliveries.sentTo(p, dest)).toMatchObject({ id, subscriptionIds: [], attempts: 1 });
      expect(f.store.deliveries.due(AT, 10, ["console"])).toEqual([]);
    });

    it("GIVEN rows for several destinations THEN due lists active ones on the given platforms, by destination, due time, id", () => {
      const [p1, p2] = [paper(1), paper(2)];
      const [c1, c2, gone] = [channel("c1").id, channel("c2").id, channel("gone").id];
      const slack = f.store.destinations.ensure({ platform: "slack", kind: "channel", address: "S" }, "instant", AT).id;
      enqueue(p1, c2, { due: "2025-06-01T09:00:00Z" });
      enqueue(p2, c1, { due: "2025-06-01T09:30:00Z" });
      enqueue(p1, c1, { due: "2025-06-01T09:30:00Z" });
      enqueue(p1, gone);
      enqueue(p1, slack);
      enqueue(p2, c2, { due: "2025-06-01T13:00:00Z" });
      f.store.destinations.disable(gone, "gone", AT);
      const due = f.store.deliveries.due(AT, 10, ["console"]);
      expect(due.map((d) => [d.destinationId, d.paperId])).toEqual([[c1, p2], [c1, p1], [c2, p1]]);
      expect(f.store.deliveries.due(AT, 1, ["console"])).toHaveLength(1);
    });

    it("GIVEN a batch key THEN it is kept across later marks; a crash's sending rows are released as interrupted", () => {
      const p = paper(1);
      const dest = channel("c").id;
      enqueue(p, dest);
      const id = f.store.deliveries.due(AT, 10, ["console"])[0]?.id ?? 0;
      f.store.deliveries.mark(id, "sending", AT, { batchKey: "k1" });
      f.store.deliveries.mark(id, "sending", AT, { batchKey: "k2" });
      expect(f.store.deliveries.releaseInFlight()).toBe(1);
      expect(f.store.deliveries.due(AT, 10, ["console"])[0]).toMatchObject({ id, state: "pending", batchKey: "k1", lastError: "interrupted while sending" });
    });

    it("GIVEN failed and dead rows THEN retries wait for their time, revive brings them back and list shows them newest first", () => {
      const [p1, p2] = [paper(1), paper(2)];
      const dest = channel("c").id;
      enqueue(p1, dest);
      enqueue(p2, dest);
      const [a, b] = f.store.deliveries.due(AT, 10, ["console"]).map((d) => d.id);
      f.store.deliveries.mark(a ?? 0, "failed", AT, { attempted: true, error: "503", nextAttemptAt: new Date("2025-06-01T13:00:00Z") });
      f.store.deliveries.mark(b ?? 0, "dead", AT, { attempted: true, error: "403" });
      expect(f.store.deliveries.due(AT, 10, ["console"])).toEqual([]);
      expect(f.store.deliveries.due(new Date("2025-06-01T13:00:00Z"), 10, ["console"]).map((d) => d.id)).toEqual([a]);
      expect(f.store.deliveries.countByState()).toMatchObject({ failed: 1, dead: 1, pending: 0 });
      expect(f.store.deliveries.list({ limit: 10 }).map((d) => [d.id, d.state, d.title])).toEqual([[b, "dead", "Paper 2"], [a, "failed", "Paper 1"]]);
      expect(f.store.deliveries.list({ state: "dead", limit: 10 }).map((d) => d.id)).toEqual([b]);
      expect(f.store.deliveries.revive({ deadOnly: true }, AT)).toBe(1);
      expect(f.store.deliveries.revive({ id: a ?? 0 }, AT)).toBe(1);
      expect(f.store.deliveries.revive({ id: a ?? 0 }, AT)).toBe(0);
      expect(f.store.deliveries.due(AT, 10, ["console"]).map((d) => [d.id, d.attempts])).toEqual([[a, 0], [b, 0]]);
    });

    it("GIVEN a webhook destination THEN listings hide its address", () => {
      const hook = f.store.destinations.ensure({ platform: "slack", kind: "webhook", address: "https://hooks.slack.com/services/T1/B1/secret" }, "instant", AT);
      enqueue(paper(1), hook.id);
      expect(f.store.deliveries.list({ limit: 5 })[0]?.address).toBe("(webhook)");
      expect(f.store.status().destinations[0]?.address).toBe("(webhook)");
    });

    it("GIVEN a channel's digest turned off THEN its unsent digest rows are skipped, subscription rows kept", () => {
      const dest = channel("c").id;
      enqueue(paper(1), dest);
      enqueue(paper(2), dest, { subs: [1] });
      expect(f.store.deliveries.skipPendingDigests(dest)).toBe(1);
      expect(f.store.deliveries.countByState()).toMatchObject({ skipped: 1, pending: 1 });
    });

    it("GIVEN rows on two platforms in several states THEN countByStateAndPlatform counts each (state, platform) pair", () => {
      const here = channel("c").id;
      const hook = f.store.destinations.ensure({ platform: "slack", kind: "webhook", address: "https://hooks.slack.com/services/T1/B1/x" }, "instant", AT).id;
      const [p1, p2] = [paper(1), paper(2)];
      enqueue(p1, here);
      enqueue(p2, here);
      enqueue(p1, hook);
      const [sent] = f.store.deliveries.due(new Date("2025-06-01T10:00:00Z"), 10, ["slack"]);
      if (sent !== undefined) f.store.deliveries.mark(sent.id, "sent", AT, { attempted: true });
      const counts = f.store.deliveries.countByStateAndPlatform().sort((a, b) => `${a.platform}${a.state}`.localeCompare(`${b.platform}${b.state}`));
      expect(counts).toEqual([
        { state: "pending", platform: "console", count: 2 },
        { state: "sent", platform: "slack", count: 1 },
      ]);
    });
  });

  describe(`${name}: search`, () => {
    it("GIVEN papers THEN a page ranks title matches first, counts the whole set and pages without overlap", () => {
      paper(1, { title: "Sparse attention for long documents", upvotes: 1 });
      paper(2, { title: "A survey", abstract: "Mentions sparse attention once.", upvotes: 50 });
      paper(3, { title: "Sparse attention again", upvotes: 9 });
      paper(4, { title: "Unrelated" });
      const first = f.store.search.page(query("sparse attention"), { limit: 2, offset: 0 });
      const second = f.store.search.page(query("sparse attention"), { limit: 2, offset: 2 });
      expect(first.total).toBe(3);
      expect(first.results.map((h) => h.paper.title)).toEqual(["Sparse attention again", "Sparse attention for long documents"]);
      expect(second.results.map((h) => h.paper.title)).toEqual(["A survey"]);
      expect(first.results.every((h) => h.score > 0)).toBe(true);
    });

    it("GIVEN a filter-only query THEN papers list newest published first, and recency options narrow them", () => {
      paper(1, { publishedOn: "2025-01-01", upvotes: 3 });
      paper(2, { publishedOn: "2025-05-30", upvotes: 3 });
      const page = f.store.search.page(query("upvotes:>=3"), { limit: 10, offset: 0 });
      expect(page.results.map((h) => h.paper.title)).toEqual(["Paper 2", "Paper 1"]);
      const recent = f.store.search.page(query("upvotes:>=3"), { limit: 10, offset: 0, sinceDays: 30, now: AT });
      expect(recent.results.map((h) => h.paper.title)).toEqual(["Paper 2"]);
    });

    it("GIVEN stored papers THEN term frequencies are each stemmed term's share of papers", () => {
      paper(1, { title: "Graphs", abstract: "graph" });
      paper(2, { title: "Trees", abstract: "tree" });
      const frequency = f.store.search.termFrequencies();
      expect(frequency("graph")).toBeGreaterThan(frequency("zebra"));
    });
  });
}
