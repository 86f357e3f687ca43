/**
 * A dump's feed: a large dump is read and its papers derived on a worker, ahead of the writer, and
 * what arrives is exactly what deriving in place gives, in dump order, from any resume point.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dumpText } from "../../bench/dumps.js";
import { vocabularyOf } from "../../bench/generate.js";
import { readSamplePapers } from "../../bench/samples.js";
import { readDump } from "../../src/digests/index.js";
import { derive, type DerivedDraft } from "../../src/ingest/derive.js";
import { FEED_BATCH, contentHash, isDerived, openDump, type DraftFeed, type DumpOpening, type FeedJob } from "../../src/ingest/feed.js";
import { isPaperbotError } from "../../src/errors.js";

const NOW = new Date("2025-12-20T12:00:00Z");
const PAPERS = 700;
const bytes = Buffer.from(dumpText(vocabularyOf(readSamplePapers()), 5, 0, PAPERS));
const file = join(mkdtempSync(join(tmpdir(), "paperbot-feed-")), "big.txt");
writeFileSync(file, bytes);
const job = (over: Partial<FeedJob> = {}): FeedJob => ({ source: { file }, name: "big.txt", referenceTime: NOW.toISOString(), tldr: "extractive", ...over });

async function opened(j: FeedJob, signal?: AbortSignal): Promise<DumpOpening> {
  const opening = await openDump(j, signal);
  if (opening === null) throw new Error("stopped");
  return opening;
}

async function feedOf(j: FeedJob, from = 0, signal?: AbortSignal): Promise<DraftFeed> {
  const feed = await (await opened(j, signal)).start(from);
  if (feed === null) throw new Error("stopped");
  return feed;
}

/** Every paper of a feed, derived as the writer does: those handed over as read, by itself. */
async function drain(feed: DraftFeed): Promise<{ papers: DerivedDraft[]; raw: number }> {
  const papers: DerivedDraft[] = [];
  let raw = 0;
  for (let batch = await feed.next(); batch !== null; batch = await feed.next()) {
    for (const item of batch) {
      if (!isDerived(item)) raw += 1;
      papers.push(isDerived(item) ? item : derive(item, "extractive"));
    }
  }
  return { papers, raw };
}

const inPlace = (from: number): DerivedDraft[] =>
  readDump(bytes, { name: "big.txt", referenceTime: NOW })
    .papers.slice(from)
    .map((draft) => derive(draft, "extractive"));

describe("dump feed", () => {
  it("GIVEN a dump too large to read in place THEN the worker derives batches ahead of the writer, before any is asked for", async () => {
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    const feed = await feedOf(job({ source: { bytes } }));
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

  it("GIVEN a large dump, in memory or a file read as a stream THEN its hash is the content's, and the papers (derived by the worker, or handed over as read to a waiting writer) equal deriving in place, in order, from the start and from a resume point", async () => {
    for (const source of [{ bytes }, { file }]) {
      for (const from of [0, 333]) {
        const opening = await opened(job({ source }));
        expect(opening.hash).toBe(contentHash(bytes));
        const feed = await opening.start(from);
        if (feed === null) throw new Error("stopped");
        expect(feed.header).toMatchObject({ format: "hf-daily-text", papers: PAPERS });
        const { papers, raw } = await drain(feed);
        expect(papers.length).toBe(PAPERS - from);
        expect(papers).toEqual(inPlace(from));
        // The test's writer waits on every batch: it is handed some as read, to derive itself.
        expect(raw).toBeGreaterThan(0);
        expect(raw).toBeLessThan(PAPERS - from);
        opening.close();
      }
    }
  });

  it("GIVEN a large file that is no dump THEN starting its feed fails with the reader's own error", async () => {
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
    const junkFile = join(mkdtempSync(join(tmpdir(), "paperbot-feed-")), "notes.txt");
    writeFileSync(junkFile, junk);
    const failure = await (await opened(job({ source: { file: junkFile }, name: "notes.txt" }))).start(0).catch((error: unknown) => error);
    expect(isPaperbotError(failure)).toBe(true);
    expect(failure).toMatchObject({ code: (expected as { code: string }).code, message: (expected as Error).message });
  });

  it("GIVEN a stop THEN opening gives null, and a feed stopped midway ends at once, its derived batches dropped", async () => {
    const stopped = new AbortController();
    stopped.abort();
    expect(await openDump(job(), stopped.signal)).toBeNull();
    const stop = new AbortController();
    const feed = await feedOf(job(), 0, stop.signal);
    expect((await feed.next())?.length).toBe(FEED_BATCH);
    stop.abort();
    let after = 0;
    for (let batch = await feed.next(); batch !== null; batch = await feed.next()) after += batch.length;
    expect(after).toBe(0);
  });
});
