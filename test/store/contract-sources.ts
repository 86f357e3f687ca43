import { describe, expect, it } from "vitest";
import { AT, type Fixture } from "./contract.js";

const LATER = new Date("2025-06-02T12:00:00Z");

/** The fetchers' memory: pages, complete days, last success and last error per source. */
export function sourcesContract(name: string, f: Fixture): void {
  describe(`${name}: source state`, () => {
    it("GIVEN a source never fetched THEN its state is empty and it is not listed until asked for", () => {
      expect(f.store.sources.all()).toEqual([]);
      expect(f.store.sources.state("arxiv")).toEqual({
        source: "arxiv", lastDay: null, lastSuccessAt: null, lastError: null, lastErrorAt: null, pages: 0, requests: 0,
      });
    });

    it("GIVEN pages recorded twice THEN the latest record of a page wins, in page order, per day", () => {
      const page = (n: number, etag: string) => ({ day: "2025-06-01", page: n, etag, items: 2, total: 5, contentHash: `h${n}` });
      f.store.transaction(() => {
        f.store.sources.recordPage("hf", page(1, "b"), AT);
        f.store.sources.recordPage("hf", page(0, "a"), AT);
        f.store.sources.recordPage("hf", page(0, "a2"), LATER);
      });
      expect(f.store.sources.pagesOf("hf", "2025-06-01")).toEqual([
        { day: "2025-06-01", page: 0, etag: "a2", items: 2, total: 5 },
        { day: "2025-06-01", page: 1, etag: "b", items: 2, total: 5 },
      ]);
      expect(f.store.sources.pagesOf("hf", "2025-06-02")).toEqual([]);
      expect(f.store.sources.state("hf").pages).toBe(3);
    });

    it("GIVEN complete days out of order THEN lastDay only moves forward and a success clears the last error", () => {
      f.store.sources.recordFailure("hf", "HTTP 503", AT);
      expect(f.store.sources.state("hf")).toMatchObject({ lastError: "HTTP 503", lastErrorAt: AT.toISOString() });
      f.store.sources.completeDay("hf", "2025-06-02", { pages: 1, papers: 3 }, LATER);
      f.store.sources.completeDay("hf", "2025-05-20", { pages: 1, papers: 1 }, LATER);
      expect(f.store.sources.isDayComplete("hf", "2025-05-20")).toBe(true);
      expect(f.store.sources.isDayComplete("hf", "2025-05-21")).toBe(false);
      expect(f.store.sources.state("hf")).toMatchObject({ lastDay: "2025-06-02", lastSuccessAt: LATER.toISOString(), lastError: null });
      f.store.sources.addRequests("hf", 4);
      expect(f.store.sources.all().map((s) => [s.source, s.requests])).toEqual([["hf", 4]]);
    });

    it("GIVEN a page recorded in a transaction that fails THEN it is not recorded", () => {
      expect(() =>
        f.store.transaction(() => {
          f.store.sources.recordPage("arxiv", { day: "2025-06-01", page: 0, etag: null, items: 1, total: 1, contentHash: null }, AT);
          throw new Error("ingest failed");
        }),
      ).toThrow("ingest failed");
      expect(f.store.sources.pagesOf("arxiv", "2025-06-01")).toEqual([]);
    });
  });
}
