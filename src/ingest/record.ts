import { basename } from "node:path";
import { performance } from "node:perf_hooks";
import { plural } from "../plural.js";
import { storeWriteError, type DumpRecord, type Store } from "../store/index.js";
import { derive, identityOf, type TldrChoice } from "./derive.js";
import { isDerived, type DraftFeed, type DumpHeader, type FeedItem } from "./feed.js";
import { findExisting, mergeInto, newPaperFrom, uniquePaperKey } from "./merge.js";

/*
 * Writing an opened dump's papers to the store, chunk by chunk: each chunk one transaction with
 * its sightings and outbox rows, the event loop free between chunks.
 */

/**
 * The result for one dump file, as `paperbot ingest --json` reports it. `skipped`: a file found in
 * a directory that is no dump at all (binary, empty, neither a capture nor Hugging Face JSON); it is
 * not recorded, and `error` says why it was skipped.
 */
export interface IngestOutcome {
  path: string;
  /**
   * `interrupted`: a stop came mid-dump; the papers so far are stored and the next ingest resumes.
   * `skipped`: a file found in a directory that is no dump at all; not recorded, `error` says why.
   */
  status: "ingested" | "duplicate" | "rejected" | "interrupted" | "skipped";
  papers: number;
  new: number;
  known: number;
  error: string | null;
  warnings: string[];
  newPaperIds: number[];
}

/**
 * Called inside each chunk's transaction with the papers that chunk introduced, so outbox rows
 * are written atomically with the papers that caused them.
 */
export type NewPapersHook = (paperIds: readonly number[], now: Date) => void;

/** How an ingest is paced and stopped; see CHUNK_PAPERS and CHUNK_MS. */
export interface IngestOptions {
  /** Aborted on shutdown: the ingest stops after the chunk in progress, the dump left resumable. */
  signal?: AbortSignal;
  /** Outbox rows for each chunk's new papers, written in that chunk's transaction. */
  plan?: NewPapersHook;
  /** Found in the inbox or a directory: a file that is no dump at all is skipped, not rejected. */
  skipNonDumps?: boolean;
  /**
   * How much one transaction may hold: the bot keeps the default (CHUNK_PAPERS, CHUNK_MS) so it
   * stays responsive; a command-line backfill, with nothing else to serve, takes BACKFILL_CHUNK,
   * since every commit rewrites the index pages its papers touched.
   */
  chunk?: { papers: number; ms: number };
}

/**
 * Papers are committed in chunks of at most CHUNK_PAPERS, and a chunk ends early once it has
 * held the event loop for CHUNK_MS: between chunks the ingest waits for a macrotask, so health
 * checks, interactions and signals are served however large the dump.
 */
export const CHUNK_PAPERS = 1_000;
/** Short enough that an interaction needing several event-loop turns is still answered promptly. */
export const CHUNK_MS = 25;

/**
 * Chunks of a command-line backfill: a stop still takes effect within a second. Past 1,000 papers
 * a larger chunk was no faster, and its pending search-index terms cost resident memory.
 */
export const BACKFILL_CHUNK = { papers: 1_000, ms: 500 };

/** Lets timers, I/O and signals run before the next chunk. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Progress {
  dumpId: number | null;
  next: number;
  newCount: number;
  knownCount: number;
  newPaperIds: number[];
}

export interface FeedInput {
  path: string;
  hash: string;
  feed: DraftFeed;
  now: Date;
  resumed: DumpRecord | undefined;
  tldr: TldrChoice;
}

export async function recordFeed(store: Store, input: FeedInput, options: IngestOptions): Promise<IngestOutcome> {
  const { path, feed, resumed } = input;
  const { header } = feed;
  const warnings = header.warnings.map((w) => `${basename(path)}:${w.line}: ${w.message}`);
  const progress: Progress = {
    dumpId: resumed?.id ?? null,
    next: Math.min(resumed?.resumeAt ?? 0, header.papers),
    newCount: resumed?.newPapers ?? 0,
    knownCount: resumed?.knownPapers ?? 0,
    newPaperIds: [],
  };
  let pending: FeedItem[] = [];
  const chunk = options.chunk ?? { papers: CHUNK_PAPERS, ms: CHUNK_MS };
  do {
    if (progress.dumpId !== null && options.signal?.aborted === true) {
      return { ...outcomeOf(path, header, warnings, progress), status: "interrupted" };
    }
    if (pending.length === 0 && progress.next < header.papers) {
      pending = (await feed.next()) ?? [];
      if (pending.length === 0) throw new Error(`the reader of ${path} ended after ${progress.next} of ${header.papers} papers`);
      continue;
    }
    while (pending.length < chunk.papers) {
      const ready = feed.ready();
      if (ready === undefined) break;
      pending = pending.concat(ready);
    }
    try {
      const papers = pending;
      pending = store.transaction(() => recordChunk(store, input, papers, warnings, progress, options.plan, chunk));
    } catch (error) {
      throw storeWriteError(error, "could not store the dump", path, store.location, keptNote(progress.next - (resumed?.resumeAt ?? 0)));
    }
    if (progress.next < header.papers) await yieldToEventLoop();
  } while (progress.next < header.papers);
  return outcomeOf(path, header, warnings, progress);
}

/**
 * One chunk's transaction: the dump row's first write or progress, then papers from `pending` until
 * the chunk's size or time runs out, their sightings and outbox rows. Returns the papers left over.
 */
function recordChunk(
  store: Store,
  input: FeedInput,
  pending: readonly FeedItem[],
  warnings: string[],
  progress: Progress,
  plan: NewPapersHook | undefined,
  chunk: { papers: number; ms: number },
): FeedItem[] {
  const { path, hash, feed, now } = input;
  const { header } = feed;
  const at = now.toISOString();
  const dumpId =
    progress.dumpId ??
    (store.dumps.forgetRejected(hash),
    store.dumps.begin({
      contentHash: hash,
      path,
      format: header.format,
      dumpDate: header.dumpDate,
      papers: header.papers,
      warnings: JSON.stringify(warnings),
      at,
    }));
  const started = performance.now();
  const fresh: number[] = [];
  let taken = 0;
  for (; taken < pending.length && taken < chunk.papers; taken += 1) {
    if (taken > 0 && performance.now() - started > chunk.ms) break;
    const item = pending[taken] as FeedItem;
    const derived = isDerived(item) ? item : derive(item, input.tldr);
    const { draft } = derived;
    const identity = identityOf(derived);
    const existing = findExisting(store.papers, draft, identity);
    let paperId: number;
    if (existing === undefined) {
      paperId = store.papers.insert(newPaperFrom(derived, dumpId, at, uniquePaperKey(store.papers, draft, identity)));
      fresh.push(paperId);
    } else {
      paperId = existing.id;
      store.papers.update(mergeInto(existing, draft, at, input.tldr));
    }
    store.papers.addLookupKeys(paperId, identity.lookupKeys);
    store.papers.recordSighting(paperId, dumpId, draft.upvotes, header.dumpDate, at);
  }
  const next = progress.next + taken;
  const knownInChunk = taken - fresh.length;
  if (next >= header.papers) {
    store.dumps.finish(dumpId, progress.newCount + fresh.length, progress.knownCount + knownInChunk);
  } else {
    store.dumps.advance(dumpId, next, fresh.length, knownInChunk);
  }
  plan?.(fresh, now);
  // Only once the transaction has committed does the caller see this chunk as done.
  Object.assign(progress, {
    dumpId,
    next,
    newCount: progress.newCount + fresh.length,
    knownCount: progress.knownCount + knownInChunk,
  });
  for (const id of fresh) progress.newPaperIds.push(id);
  return pending.slice(taken);
}

/** What a failed chunk leaves: nothing, or the chunks of this ingest that committed before it. */
function keptNote(stored: number): string {
  if (stored === 0) return "nothing was changed";
  return `the ${plural(stored, "paper")} stored before ${stored === 1 ? "is" : "are"} kept and the next ingest resumes after ${stored === 1 ? "it" : "them"}`;
}

function outcomeOf(path: string, header: DumpHeader, warnings: string[], progress: Progress): IngestOutcome {
  return {
    path,
    status: "ingested",
    papers: header.papers,
    new: progress.newCount,
    known: progress.knownCount,
    error: null,
    warnings,
    newPaperIds: progress.newPaperIds,
  };
}
