import { createHash } from "node:crypto";
import { Worker } from "node:worker_threads";
import { readDump, type DumpFormat, type DumpWarning, type PaperDraft, type ParsedDump } from "../digests/index.js";
import { PaperbotError, type ErrorCode } from "../errors.js";
import { workerEntry } from "../workers/entry.js";
import type { DerivedDraft, TldrChoice } from "./derive.js";

/**
 * A paper as the feed hands it over: derived on the worker, or as read when the writer asked for
 * work while idle (it derives those itself, paper by paper within its chunk's time budget).
 */
export type FeedItem = DerivedDraft | PaperDraft;

export const isDerived = (item: FeedItem): item is DerivedDraft => "lookupKeys" in item;

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
  next(): Promise<FeedItem[] | null>;
  /** A batch already received, without waiting; undefined when none is. */
  ready(): FeedItem[] | undefined;
  /** Ends the feed early (a stop between chunks); safe to call more than once. */
  close(): void;
}

/**
 * A dump opened for ingest: its content hash first (a dump already ingested is not read at all),
 * then, from a resume point, its header and papers.
 */
export interface DumpOpening {
  readonly hash: string;
  /** Reads the dump: throws the reader's PaperbotError for a broken one; null when stopped first. */
  start(from: number): Promise<DraftFeed | null>;
  close(): void;
}

/** Where a dump's bytes are: in memory, or a file the worker reads as a stream. */
export type DumpSource = { bytes: Uint8Array } | { file: string };

/** What opens a dump: its bytes or file, what anchors its dates, which TL;DR. */
export interface FeedJob {
  source: DumpSource;
  name: string;
  referenceTime: string;
  tldr: TldrChoice;
}

/** Worker → writer. */
export type FeedMessage =
  | { type: "hash"; hash: string }
  | { type: "header"; header: DumpHeader }
  | { type: "papers"; papers: DerivedDraft[] }
  /** Read but not derived: asked for by a writer with nothing to do, which derives them itself. */
  | { type: "drafts"; drafts: PaperDraft[] }
  | { type: "end" }
  | { type: "error"; error: { code: ErrorCode; message: string; where: string | null } }
  | { type: "bug"; bug: string };

/**
 * Writer → worker: where to start (once), then room for this many more derived batches; `raw`
 * when the writer is idle: the next batch is sent as read, and the writer derives it, so the two
 * threads share the deriving whichever of them is the slower.
 */
export type FeedRequest = { from: number } | { batches: number } | { raw: true };

/** Papers per batch: small enough that a chunk's time budget is kept, large enough to amortise a message. */
export const FEED_BATCH = 128;
/** Batches the worker may derive ahead of the writer: bounds the memory of a feed. */
const AHEAD = 8;
/** Below this size a dump is read in place: a worker's start-up would cost more than the read. */
export const IN_PLACE_BYTES = 256 * 1024;

export function headerOf(parsed: ParsedDump): DumpHeader {
  return { format: parsed.format, dumpDate: parsed.dumpDate, warnings: parsed.warnings, papers: parsed.papers.length };
}

/** A dump's identity: the SHA-256 of its bytes (the same bytes are ingested once). */
export const contentHash = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/**
 * Opens a dump: bytes under {@link IN_PLACE_BYTES} in place, anything larger on a worker (a file
 * is then never held whole by the main thread). Null when `signal` stopped it first.
 */
export async function openDump(job: FeedJob, signal?: AbortSignal): Promise<DumpOpening | null> {
  if (signal?.aborted === true) return null;
  const { source } = job;
  if ("bytes" in source && source.bytes.length < IN_PLACE_BYTES) return inPlace(source.bytes, job);
  return onWorker(job, signal);
}

function inPlace(bytes: Uint8Array, job: FeedJob): DumpOpening {
  return {
    hash: contentHash(bytes),
    start(from) {
      const parsed = readDump(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), { name: job.name, referenceTime: new Date(job.referenceTime) });
      let next = from;
      return Promise.resolve({
        header: headerOf(parsed),
        next() {
          if (next >= parsed.papers.length) return Promise.resolve(null);
          // Handed over as read: the writer derives each paper inside its chunk's time budget.
          const batch = parsed.papers.slice(next, next + FEED_BATCH);
          next += batch.length;
          return Promise.resolve(batch);
        },
        ready: () => undefined,
        close() {
          next = parsed.papers.length;
        },
      });
    },
    close() {},
  };
}

/** The writer's side of a worker feed: messages in, requests out, one waiter at a time. */
class WorkerFeed implements DraftFeed, DumpOpening {
  hash = "";
  header: DumpHeader = { format: "hf-daily-text", dumpDate: null, warnings: [], papers: 0 };
  /** Batches received and not yet taken; `credited` ones free a place for another when taken. */
  private readonly batches: { papers: FeedItem[]; credited: boolean }[] = [];
  private rawAsked = false;
  private ended = false;
  private terminated = false;
  private failure: Error | undefined;
  private waiting: { resolve: (value: never) => void; reject: (error: Error) => void; kind: FeedMessage["type"] } | undefined;

  constructor(
    private readonly worker: Worker,
    private readonly name: string,
    private readonly signal: AbortSignal | undefined,
  ) {
    signal?.addEventListener("abort", this.abort, { once: true });
    worker.on("message", (message: FeedMessage) => this.receive(message));
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => this.fail(new Error(`the dump reader for ${name} exited with code ${code}`)));
  }

  /** Resolves with the next message of `kind` (hash, header or papers), null on a stop. */
  await<T>(kind: FeedMessage["type"]): Promise<T | null> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve(null);
    return new Promise<T | null>((resolve, reject) => (this.waiting = { resolve: resolve as (value: never) => void, reject, kind }));
  }

  start(from: number): Promise<DraftFeed | null> {
    this.worker.postMessage({ from } satisfies FeedRequest);
    return this.await<DraftFeed>("header");
  }

  next(): Promise<FeedItem[] | null> {
    const batch = this.ready();
    if (batch !== undefined) return Promise.resolve(batch);
    if (!this.rawAsked && !this.ended) {
      this.rawAsked = true;
      this.worker.postMessage({ raw: true } satisfies FeedRequest);
    }
    return this.await<FeedItem[]>("papers");
  }

  ready(): FeedItem[] | undefined {
    const batch = this.batches.shift();
    if (batch?.credited === true && !this.ended) this.worker.postMessage({ batches: 1 } satisfies FeedRequest);
    return batch?.papers;
  }

  close = (): void => {
    this.stop();
    this.batches.length = 0;
  };

  private readonly abort = (): void => {
    this.close();
    this.settle(null);
  };

  private stop(): void {
    this.ended = true;
    this.signal?.removeEventListener("abort", this.abort);
    if (!this.terminated) void this.worker.terminate();
    this.terminated = true;
  }

  private settle(value: unknown): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    (waiting?.resolve as ((value: unknown) => void) | undefined)?.(value);
  }

  private fail(error: Error): void {
    if (this.ended) return;
    this.failure = error;
    this.stop();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }

  private receive(message: FeedMessage): void {
    switch (message.type) {
      case "hash":
        this.hash = message.hash;
        this.settle(this);
        return;
      case "header":
        this.header = message.header;
        this.worker.postMessage({ batches: AHEAD } satisfies FeedRequest);
        this.settle(this);
        return;
      case "papers":
        if (this.waiting?.kind === "papers") {
          this.settle(message.papers);
          this.worker.postMessage({ batches: 1 } satisfies FeedRequest);
        } else {
          this.batches.push({ papers: message.papers, credited: true });
        }
        return;
      case "drafts":
        this.rawAsked = false;
        if (this.waiting?.kind === "papers") this.settle(message.drafts);
        else this.batches.push({ papers: message.drafts, credited: false });
        return;
      case "end":
        this.stop();
        this.settle(null);
        return;
      case "error":
        this.fail(new PaperbotError(message.error.code, message.error.message, message.error.where ?? undefined));
        return;
      case "bug":
        this.fail(new Error(`reading ${this.name} failed: ${message.bug}`));
    }
  }
}

function onWorker(job: FeedJob, signal: AbortSignal | undefined): Promise<DumpOpening | null> {
  // A young generation of 12 MB (V8's default allows 48): the worker's garbage is short-lived batches,
  // and a smaller nursery keeps a backfill's resident memory about 20 MB lower at the same speed.
  const worker = new Worker(workerEntry(import.meta.url, "feed-worker"), { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 12 } });
  return new WorkerFeed(worker, job.name, signal).await<DumpOpening>("hash");
}
