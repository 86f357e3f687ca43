/**
 * Ingest commits a dump in chunks and yields to the event loop between them; a stop between
 * chunks leaves the store consistent and the dump resumable, and resuming stores and announces
 * each paper exactly once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { dumpText } from "../../bench/dumps.js";
import { vocabularyOf } from "../../bench/generate.js";
import { readSamplePapers } from "../../bench/samples.js";
import { ingestBytes } from "../../src/ingest/ingest.js";
import { openStore, type Store } from "../../src/store/index.js";
import { connectionOf } from "../../src/store/sqlite.js";
import { tempDataDir } from "../helpers/env.js";

const NOW = new Date("2025-12-20T12:00:00Z");
const PAPERS = 600;
const bytes = Buffer.from(dumpText(vocabularyOf(readSamplePapers()), 11, 0, PAPERS));
const input = { path: "big.txt", bytes, referenceTime: NOW, now: NOW };

let store: Store | undefined;
afterEach(() => store?.close());

function counts(s: Store): { papers: number; sightings: number } {
  return connectionOf(s).prepare("SELECT (SELECT count(*) FROM papers) AS papers, (SELECT count(*) FROM sightings) AS sightings").get() as {
    papers: number;
    sightings: number;
  };
}

describe("chunked ingest", () => {
  it("GIVEN a 600-paper dump THEN it is committed in several chunks and timers run between them", async () => {
    store = openStore(`${tempDataDir()}/p.db`);
    const chunks: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    try {
      const outcome = await ingestBytes(store, input, { plan: (ids) => chunks.push(ids.length) });
      expect(outcome).toMatchObject({ status: "ingested", papers: PAPERS, new: PAPERS, known: 0 });
    } finally {
      clearInterval(timer);
    }
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(PAPERS);
    expect(ticks).toBeGreaterThanOrEqual(chunks.length - 1);
  });

  it("GIVEN a stop after the first chunk THEN the dump is incomplete but consistent, and the next ingest resumes it: every paper stored, sighted and announced once", async () => {
    store = openStore(`${tempDataDir()}/p.db`);
    const announced: number[] = [];
    const stop = new AbortController();
    const first = await ingestBytes(store, input, {
      signal: stop.signal,
      plan: (ids) => {
        announced.push(...ids);
        stop.abort();
      },
    });
    expect(first.status).toBe("interrupted");
    const partial = counts(store);
    expect(partial.papers).toBeGreaterThan(0);
    expect(partial.papers).toBeLessThan(PAPERS);
    expect(partial.sightings).toBe(partial.papers);
    expect(announced).toHaveLength(partial.papers);
    expect(store.dumps.findByHash(hashOf(store))?.resumeAt).toBe(partial.papers);

    const second = await ingestBytes(store, input, { plan: (ids) => announced.push(...ids) });
    expect(second).toMatchObject({ status: "ingested", papers: PAPERS, new: PAPERS, known: 0 });
    expect(counts(store)).toEqual({ papers: PAPERS, sightings: PAPERS });
    expect(new Set(announced).size).toBe(PAPERS);
    expect(announced).toHaveLength(PAPERS);
    const third = await ingestBytes(store, input, { plan: (ids) => announced.push(...ids) });
    expect(third.status).toBe("duplicate");
    expect(announced).toHaveLength(PAPERS);
  });
});

function hashOf(s: Store): string {
  return (connectionOf(s).prepare("SELECT content_hash AS h FROM dumps").get() as { h: string }).h;
}
