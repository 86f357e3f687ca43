/**
 * `paperbot ingest` of a large file reads it as a stream on the ingest worker: the limit is per
 * paper, not per file, so one oversized paper is skipped with a warning and the rest are stored.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ingestFile } from "../../src/ingest/ingest.js";
import { IN_PLACE_BYTES } from "../../src/ingest/feed.js";
import { openStore, type Store } from "../../src/store/index.js";

const NOW = new Date("2025-12-15T12:00:00Z");
const HEADER = "Daily Papers\nbyAK and the research community\n\nDec 12\n\n";
const paper = (title: string, abstract: string): string => `${title}\n\n${abstract}\n\n• 3 authors\n·\nDec 11 4\n\n`;
/** An abstract of about `bytes`, hard-wrapped at 80 characters as captures are. */
const longAbstract = (bytes: number): string => {
  const line = "We study how sparse attention scales across very long contexts and many devices";
  return `${Array.from({ length: Math.ceil(bytes / (line.length + 1)) }, () => line).join("\n")}.`;
};

let store: Store | undefined;
afterEach(() => store?.close());

describe("ingest of a large file", () => {
  it("GIVEN a capture holding one paper over the 1 MB limit per paper THEN that paper is skipped with a warning and the others are stored", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperbot-stream-"));
    const small = Array.from({ length: 40 }, (_, i) => paper(`Sparse Lattice Study ${i}`, `Abstract number ${i} about lattices.`)).join("");
    const text = HEADER + small + paper("Huge Paper", longAbstract(1.5 * 1024 * 1024)) + paper("Last Paper", "Short abstract.");
    expect(Buffer.byteLength(text)).toBeGreaterThan(IN_PLACE_BYTES);
    const path = join(dir, "big.txt");
    writeFileSync(path, text);
    store = openStore(join(dir, "p.db"));
    const outcome = await ingestFile(store, path, NOW);
    expect(outcome).toMatchObject({ status: "ingested", papers: 41, new: 41 });
    expect(outcome.warnings).toEqual([expect.stringMatching(/big\.txt:\d+: "Huge Paper" takes more than 1 MB, the limit per paper; paper skipped/)]);
    expect(store.papers.findByTitle("Last Paper")?.abstract).toBe("Short abstract.");
    expect(store.papers.findByTitle("Huge Paper")).toBeUndefined();
    const again = await ingestFile(store, path, NOW);
    expect(again.status).toBe("duplicate");
  });
});
