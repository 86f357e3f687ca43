import { connectionOf } from "../../src/store/sqlite.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MatcherCache, planDeliveries } from "../../src/delivery/planner.js";
import { parseQuery } from "../../src/search/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import type { Paper } from "../../src/domain/paper.js";
import { addSamplePapers } from "../search/samples.js";
import { openTestStore } from "../search/store.js";

let store: Store | undefined;
afterEach(() => store?.close());

const AT = new Date("2025-06-01T12:00:00Z");
const SETTINGS = { timeZone: "UTC", digestSchedule: "daily 09:00", platforms: ["console", "discord", "slack"] };

/** The papers FTS5 finds for a query: the reference the planner's matcher is held to. */
function sqlIds(s: Store, text: string): Set<number> {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return new Set(s.search.page(parsed.query, { limit: 10_000, offset: 0 }).results.map((hit) => hit.paper.id));
}

function rowsOf(s: Store): { paper: number; dest: number; matched: string[] }[] {
  const rows = connectionOf(s).prepare("SELECT paper_id, destination_id, matched FROM deliveries ORDER BY paper_id, destination_id").all();
  return (rows as { paper_id: number; destination_id: number; matched: string }[]).map((r) => ({
    paper: r.paper_id,
    dest: r.destination_id,
    matched: (JSON.parse(r.matched) as string[]).sort(),
  }));
}

describe("planDeliveries", () => {
  it("GIVEN channels with filters and people with overlapping subscriptions THEN the rows are exactly what SQL search selects", () => {
    store = openStore(join(mkdtempSync(join(tmpdir(), "paperbot-plan-")), "p.db"));
    const s = store;
    const papers: Paper[] = addSamplePapers(openTestStore(connectionOf(s)));
    const channel = (address: string, minUpvotes: number, filter: string | null): number => {
      const dest = s.destinations.ensure({ platform: "console", kind: "channel", address }, "instant", AT);
      s.destinations.configure(dest.id, { schedule: "instant", timeZone: null, minUpvotes, filter, digestEnabled: true }, AT);
      return dest.id;
    };
    const all = channel("all", 0, null);
    const filtered = channel("filtered", 0, "attention OR sparse");
    const popular = channel("popular", 5, "quantiz* OR title:model");
    const broken = channel("broken", 0, "title:");
    expect(parseQuery("title:").ok).toBe(false);
    const person = (name: string, queries: string[]): number => {
      const dest = s.destinations.ensure({ platform: "console", kind: "dm", address: name }, "instant", AT);
      for (const query of queries) {
        s.subscriptions.add({ platform: "console", ownerId: name, destinationId: dest.id, query, rhythm: "instant" }, AT);
      }
      return dest.id;
    };
    const ada = person("ada", ["attention", '"sparse attention"', "attention sparse"]);
    const bob = person("bob", ["transformer -survey"]);

    planDeliveries(s, SETTINGS, new MatcherCache(), papers.map((p) => p.id), AT);

    const expected: { paper: number; dest: number; matched: string[] }[] = [];
    const attention = sqlIds(s, "attention");
    const sparseAttention = sqlIds(s, '"sparse attention"');
    const filteredIds = sqlIds(s, "attention OR sparse");
    const popularIds = sqlIds(s, "quantiz* OR title:model");
    const transformer = sqlIds(s, "transformer -survey");
    for (const paper of papers) {
      const add = (dest: number, matched: string[]): number => expected.push({ paper: paper.id, dest, matched: matched.sort() });
      add(all, []);
      if (filteredIds.has(paper.id)) add(filtered, []);
      if (popularIds.has(paper.id) && paper.upvotes >= 5) add(popular, []);
      const adaTerms = [
        ...(attention.has(paper.id) ? ["attention"] : []),
        ...(sparseAttention.has(paper.id) ? ["sparse attention"] : []),
        ...(sqlIds(s, "attention sparse").has(paper.id) ? ["sparse"] : []),
      ];
      if (adaTerms.length > 0) add(ada, adaTerms);
      if (transformer.has(paper.id)) add(bob, ["transformer"]);
    }
    expected.sort((a, b) => a.paper - b.paper || a.dest - b.dest);
    expect(rowsOf(s)).toEqual(expected);
    expect(expected.filter((r) => r.dest === filtered).length).toBeGreaterThan(3);
    expect(expected.filter((r) => r.dest === popular).length).toBeGreaterThan(0);
    expect(expected.filter((r) => r.dest === ada && r.matched.length > 1).length).toBeGreaterThan(0);
    expect(expected.filter((r) => r.dest === bob).length).toBeGreaterThan(0);
    expect(rowsOf(s).some((r) => r.dest === broken)).toBe(false);
  });
});
