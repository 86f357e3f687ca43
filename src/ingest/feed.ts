import { Worker } from "node:worker_threads";
import { readDump, type DumpFormat, type DumpWarning, type ParsedDump } from "../digests/index.js";
import { PaperbotError, type ErrorCode } from "../errors.js";
import { workerEntry } from "../workers/entry.js";
import { derive, type DerivedDraft, type TldrChoice } from "./derive.js";

/** What a dump says of itself once read: known before any of its papers is stored. */
export interface DumpHeader {
  format: DumpFormat;
  dumpDate: string | null;
  warnings: DumpWarning[];
  papers: number;
}

/**
 * A dump's papers, derived and in dump order, handed to the writer a batch at a time. For a large
 * dump the reading and deriving happen on a worker thread a few batches ahead of the writer, so the
 * two cores split the work and the main thread keeps serving health checks and interactions.
 */
export interface DraftFeed {
  readonly header: DumpHeader;
  /** The next papers; null once the dump has no more. */
  next(): Promise<DerivedDraft[] | null>;
  /** A batch already derived, without waiting; undefined when none is. */
  ready(): DerivedDraft[] | undefined;
  /** Ends the feed early (a stop between chunks); safe to call more than once. */
  close(): void;
}

/** What opens a feed: the dump's bytes, what anchors its dates, where to resume, which TL;DR. */
export interface FeedJob {
  bytes: Uint8Array;
  name: string;
  referenceTime: string;
  /** Papers before this index were stored by an earlier, interrupted ingest of the same bytes. */
  from: number;
  tldr: TldrChoice;
}

/** Worker → writer. */
export type FeedMessage =
  | { type: "header"; header: DumpHeader }
  | { type: "papers"; papers: DerivedDraft[] }
  | { type: "end" }
  | { type: "error"; error: { code: ErrorCode; message: string; where: string | null } }
  | { type: "bug"; bug: string };

/** Writer → worker: room for this many more batches. */
export interface FeedCredit {
  batches: number;
}

/** Papers per batch: small enough that a chunk's time budget is kept, large enough to amortise a message. */
export const FEED_BATCH = 128;
/** Batches the worker may derive ahead of the writer: bounds the memory of a feed. */
const AHEAD = 8;
/** Below this size a dump is read in place: a worker's start-up would cost more than the read. */
const IN_PLACE_BYTES = 256 * 1024;

export function headerOf(parsed: ParsedDump): DumpHeader {
  return { format: parsed.format, dumpDate: parsed.dumpDate, warnings: parsed.warnings, papers: parsed.papers.length };
}

/**
 * Opens a dump's feed, reading it off the main thread when it is large. Throws the PaperbotError
 * the reader gives for a broken dump; null when `signal` stopped it first.
 */
export async function openFeed(job: FeedJob, signal?: AbortSignal): Promise<DraftFeed | null> {
  if (job.bytes.length < IN_PLACE_BYTES) {
    return inPlaceFeed(readDump(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.length), { name: job.name, referenceTime: new Date(job.referenceTime) }), job);
  }
  if (signal?.aborted === true) return null;
  return workerFeed(job, signal);
}

function inPlaceFeed(parsed: ParsedDump, job: FeedJob): DraftFeed {
  let next = job.from;
  return {
    header: headerOf(parsed),
    next() {
      if (next >= parsed.papers.length) return Promise.resolve(null);
      const batch = parsed.papers.slice(next, next + FEED_BATCH).map((draft) => derive(draft, job.tldr));
      next += batch.length;
      return Promise.resolve(batch);
    },
    ready: () => undefined,
    close() {
      next = parsed.papers.length;
    },
  };
}

function workerFeed(job: FeedJob, signal: AbortSignal | undefined): Promise<DraftFeed | null> {
  const worker = new Worker(workerEntry(import.meta.url, "feed-worker"), { workerData: job });
  const batches: DerivedDraft[][] = [];
  let ended = false;
  let failure: Error | undefined;
  let waiting: { resolve: (papers: DerivedDraft[] | null) => void; reject: (error: Error) => void } | undefined;
  let opened: ((feed: DraftFeed | null) => void) | undefined;
  let failedToOpen: ((error: Error) => void) | undefined;
  let terminated = false;
  const stop = (): void => {
    ended = true;
    signal?.removeEventListener("abort", abort);
    if (!terminated) void worker.terminate();
    terminated = true;
  };
  const close = (): void => {
    stop();
    batches.length = 0;
  };
  const abort = (): void => {
    close();
    opened?.(null);
    waiting?.resolve(null);
    waiting = undefined;
  };
  const fail = (error: Error): void => {
    if (ended) return;
    failure = error;
    stop();
    failedToOpen?.(error);
    waiting?.reject(error);
    waiting = undefined;
  };
  const feed: DraftFeed = {
    header: { format: "hf-daily-text", dumpDate: null, warnings: [], papers: 0 },
    next() {
      const batch = batches.shift();
      if (batch !== undefined) {
        if (!ended) worker.postMessage({ batches: 1 } satisfies FeedCredit);
        return Promise.resolve(batch);
      }
      if (failure !== undefined) return Promise.reject(failure);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
    ready() {
      const batch = batches.shift();
      if (batch !== undefined && !ended) worker.postMessage({ batches: 1 } satisfies FeedCredit);
      return batch;
    },
    close,
  };
  signal?.addEventListener("abort", abort, { once: true });
  worker.on("message", (message: FeedMessage) => {
    switch (message.type) {
      case "header":
        Object.assign(feed, { header: message.header });
        worker.postMessage({ batches: AHEAD } satisfies FeedCredit);
        opened?.(feed);
        opened = undefined;
        failedToOpen = undefined;
        return;
      case "papers":
        if (waiting !== undefined) {
          waiting.resolve(message.papers);
          waiting = undefined;
          worker.postMessage({ batches: 1 } satisfies FeedCredit);
        } else {
          batches.push(message.papers);
        }
        return;
      case "end":
        stop();
        waiting?.resolve(null);
        waiting = undefined;
        return;
      case "error":
        fail(new PaperbotError(message.error.code, message.error.message, message.error.where ?? undefined));
        return;
      case "bug":
        fail(new Error(`reading ${job.name} failed: ${message.bug}`));
    }
  });
  worker.on("error", (error) => fail(error));
  worker.on("exit", (code) => fail(new Error(`the dump reader for ${job.name} exited with code ${code}`)));
  return new Promise((resolve, reject) => {
    opened = resolve;
    failedToOpen = reject;
  });
}
