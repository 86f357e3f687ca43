/**
 * A dump's feed: a large dump is read and its papers derived on a worker, ahead of the writer, and
 * what arrives is exactly what deriving in place gives, in dump order, from any resume point.
 */
import { describe, expect, it } from "vitest";
import { dumpText } from "../../bench/dumps.js";
import { vocabularyOf } from "../../bench/generate.js";
import { readSamplePapers } from "../../bench/samples.js";
import { readDump } from "../../src/digests/index.js";
import { derive, type DerivedDraft } from "../../src/ingest/derive.js";
import { FEED_BATCH, openFeed, type DraftFeed, type FeedJob } from "../../src/ingest/feed.js";
import { isPaperbotError } from "../../src/errors.js";

const NOW = new Date("2025-12-20T12:00:00Z");
const PAPERS = 700;
const bytes = Buffer.from(dumpText(vocabularyOf(readSamplePapers()), 5, 0, PAPERS));
const job = (over: Partial<FeedJob> = {}): FeedJob => ({ bytes, name: "big.txt", referenceTime: NOW.toISOString(), from: 0, tldr: "extractive", ...over });

async function drain(feed: DraftFeed): Promise<DerivedDraft[]> {
  const all: DerivedDraft[] = [];
  for (let batch = await feed.next(); batch !== null; batch = await feed.next()) all.push(...batch);
  return all;
}

const inPlace = (from: number): DerivedDraft[] =>
  readDump(bytes, { name: "big.txt", referenceTime: NOW })
    .papers.slice(from)
    .map((draft) => derive(draft, "extractive"));

describe("dump feed", () => {
  it("GIVEN a dump too large to read in place THEN the worker derives batches ahead of the writer, before any is asked for", async () => {
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    const feed = await openFeed(job());
    if (feed === null) throw new Error("no feed");
    try {
      expect(feed.header).toMatchObject({ format: "hf-daily-text", papers: PAPERS });
      let ready = feed.ready();
      for (let i = 0; ready === undefined && i < 500; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        ready = feed.ready();
      }
      expect(ready?.length).toBe(FEED_BATCH);
    } finally {
      feed.close();
    }
  });

  it("GIVEN a large dump THEN the worker's papers equal deriving in place, in order, from the start and from a resume point", async () => {
    for (const from of [0, 333]) {
      const feed = await openFeed(job({ from }));
      if (feed === null) throw new Error("no feed");
      const papers = await drain(feed);
      expect(papers.length).toBe(PAPERS - from);
      expect(papers).toEqual(inPlace(from));
    }
  });

  it("GIVEN a large file that is no dump THEN opening its feed fails with the reader's own error", async () => {
    const junk = Buffer.from("just some notes\n".repeat(40_000));
    const expected = (() => {
      try {
        readDump(junk, { name: "notes.txt", referenceTime: NOW });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(isPaperbotError(expected)).toBe(true);
    const failure = await openFeed(job({ bytes: junk, name: "notes.txt" })).catch((error: unknown) => error);
    expect(isPaperbotError(failure)).toBe(true);
    expect(failure).toMatchObject({ code: (expected as { code: string }).code, message: (expected as Error).message });
  });

  it("GIVEN a stop THEN opening gives null, and a feed stopped midway ends at once, its derived batches dropped", async () => {
    const stopped = new AbortController();
    stopped.abort();
    expect(await openFeed(job(), stopped.signal)).toBeNull();
    const stop = new AbortController();
    const feed = await openFeed(job(), stop.signal);
    if (feed === null) throw new Error("no feed");
    expect((await feed.next())?.length).toBe(FEED_BATCH);
    stop.abort();
    let after = 0;
    for (let batch = await feed.next(); batch !== null; batch = await feed.next()) after += batch.length;
    expect(after).toBe(0);
  });
});
