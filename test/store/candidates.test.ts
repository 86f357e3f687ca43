/**
 * Near-duplicate candidates of a key that holds its full twenty papers are read once and kept:
 * what the store answers must still be what its tables say after an update or a rollback.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/store/index.js";
import { AT, iso, newPaper } from "./contract.js";

let store: Store | undefined;
afterEach(() => store?.close());

function withFullKey(): { s: Store; ids: number[] } {
  const s = openStore(join(mkdtempSync(join(tmpdir(), "paperbot-candidates-")), "p.db"));
  store = s;
  const ids = s.transaction(() => {
    const dumpId = s.dumps.begin({ contentHash: "h", path: "h.txt", format: "text", dumpDate: "2025-06-01", papers: 0, warnings: "[]", at: iso(AT) });
    return Array.from({ length: 25 }, (_, n) => {
      const id = s.papers.insert(newPaper(dumpId, n));
      s.papers.addLookupKeys(id, ["f:broad"]);
      return id;
    });
  });
  return { s, ids };
}

describe("candidates of a full key", () => {
  it("GIVEN a key with more than twenty papers THEN its first twenty are the candidates, and an updated title or arXiv id shows in the next lookup", () => {
    const { s, ids } = withFullKey();
    const first = s.papers.candidatesByKey("f:broad");
    expect(first.map((c) => c.id)).toEqual(ids.slice(0, 20));
    const paper = s.papers.get(ids[3] ?? 0);
    if (paper === undefined) throw new Error("missing");
    s.transaction(() => s.papers.update({ ...paper, title: "Renamed", arxivId: "2501.00001" }));
    expect(s.papers.candidatesByKey("f:broad")[3]).toEqual({ id: ids[3], title: "Renamed", arxivId: "2501.00001" });
  });

  it("GIVEN a transaction that fails after filling a key THEN no candidate it wrote is answered afterwards", () => {
    const s = openStore(join(mkdtempSync(join(tmpdir(), "paperbot-candidates-")), "p.db"));
    store = s;
    expect(() =>
      s.transaction(() => {
        const dumpId = s.dumps.begin({ contentHash: "h", path: "h.txt", format: "text", dumpDate: "2025-06-01", papers: 0, warnings: "[]", at: iso(AT) });
        for (let n = 0; n < 20; n += 1) s.papers.addLookupKeys(s.papers.insert(newPaper(dumpId, n)), ["f:broad"]);
        expect(s.papers.candidatesByKey("f:broad")).toHaveLength(20);
        throw new Error("disk full");
      }),
    ).toThrow("disk full");
    expect(s.papers.candidatesByKey("f:broad")).toEqual([]);
  });
});
