/**
 * The search pool: searches on a worker thread with its own read-only connection give the same
 * answers as searching in place, and a search past the time budget is answered as timed out while
 * the pool carries on with a fresh worker.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCycle, type App } from "../../src/app.js";
import { SearchPool, searchText } from "../../src/search/index.js";
import { tempDataDir, testApp } from "../helpers/env.js";

let app: App;
beforeAll(async () => {
  ({ app } = testApp(tempDataDir({ samples: true })));
  await runCycle(app, app.clock.now());
});
afterAll(() => app.close());

const ids = (outcome: Awaited<ReturnType<SearchPool["search"]>>) => (outcome.ok ? outcome.results.map((r) => r.paper.id) : outcome);

describe("SearchPool", () => {
  it("GIVEN queries THEN the worker's answers equal the in-place search's, refusals included", async () => {
    const pool = new SearchPool(app.config.dbPath, { size: 2 });
    try {
      for (const query of ["homomorphic encryption", "model -survey", "title:transform*", "(a* OR t*)", "since:2024-01-01"]) {
        const options = { limit: 5, offset: 0 };
        const [inWorker, inPlace] = [await pool.search(query, options), searchText(app.store.search, query, options)];
        expect(ids(inWorker)).toEqual(ids(inPlace));
        if (inWorker.ok && inPlace.ok) expect(inWorker.total).toBe(inPlace.total);
      }
    } finally {
      pool.close();
    }
  });

  it("GIVEN 20 searches at once on a pool of 2 THEN all are answered, in any order", async () => {
    const pool = new SearchPool(app.config.dbPath, { size: 2 });
    try {
      const words = ["model", "learning", "data", "graph", "vision", "language", "robot", "speech", "code", "agent"];
      const answers = await Promise.all([...words, ...words].map((w) => pool.search(w, { limit: 3, offset: 0 })));
      expect(answers.every((a) => a.ok)).toBe(true);
    } finally {
      pool.close();
    }
  });

  it("GIVEN a search that outlives the budget THEN it is answered as timed out and the next search gets a fresh worker", async () => {
    const pool = new SearchPool(app.config.dbPath, { size: 1, budgetMs: 1 });
    try {
      const started = Date.now();
      expect(await pool.search("model", { limit: 5, offset: 0 })).toEqual({ ok: false, timedOut: true, budgetMs: 1 });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      pool.close();
    }
    const roomy = new SearchPool(app.config.dbPath, { size: 1, budgetMs: 1 });
    try {
      await roomy.search("model", { limit: 5, offset: 0 });
      Object.assign(roomy, { budgetMs: 10_000 });
      expect((await roomy.search("model", { limit: 5, offset: 0 })).ok).toBe(true);
    } finally {
      roomy.close();
    }
  });
});
