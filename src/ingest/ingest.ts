import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { basename } from "node:path";
import { MAX_DUMP_BYTES } from "../digests/index.js";
import { isPaperbotError } from "../errors.js";
import { plural } from "../plural.js";
import { storeWriteError, type DumpRecord, type Store } from "../store/index.js";
import { derive, identityOf, type TldrChoice } from "./derive.js";
import { IN_PLACE_BYTES, openDump, type DraftFeed, type DumpHeader, type DumpOpening, type DumpSource, type FeedItem, isDerived } from "./feed.js";
import { findExisting, mergeInto, newPaperFrom, uniquePaperKey } from "./merge.js";

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

export function contentHash(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The outcome for a file that could not be read or parsed. */
export function rejectedOutcome(path: string, error: string | null): IngestOutcome {
  return rejected(path, error);
}

function rejected(path: string, error: string | null): IngestOutcome {
  return { path, status: "rejected", papers: 0, new: 0, known: 0, error, warnings: [], newPaperIds: [] };
}

export function skipped(path: string, reason: string): IngestOutcome {
  return { path, status: "skipped", papers: 0, new: 0, known: 0, error: reason, warnings: [], newPaperIds: [] };
}

/** What the readers say of a file that is not a dump at all, rather than a dump with a problem. */
const NOT_A_DUMP = new Set(["DUMP_EMPTY", "DUMP_BINARY", "DUMP_UNKNOWN_FORMAT"]);


/**
 * A dump file's bytes and the time that anchors its year inference (its mtime, never later than
 * now), or why it cannot be read. Shared by `ingest`, the inbox scan and `parse`.
 */
export function readDumpFile(
  path: string,
  now: Date,
): { ok: true; bytes: Buffer; referenceTime: Date } | { ok: false; reason: string } {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { ok: false, reason: "not a regular file" };
    if (stat.size > MAX_DUMP_BYTES) return { ok: false, reason: `file is larger than ${MAX_DUMP_BYTES / (1024 * 1024)} MB` };
    return { ok: true, bytes: readFileSync(path), referenceTime: stat.mtime < now ? stat.mtime : now };
  } catch (error) {
    return { ok: false, reason: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? "error"}` };
  }
}

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

/**
 * Reads a dump file and ingests it, whatever its name: the readers decide by content. A broken
 * dump is recorded as rejected and the store is otherwise untouched. A large file is read on the
 * ingest worker; the main thread never holds it whole.
 */
export async function ingestFile(store: Store, path: string, now: Date, options: IngestOptions = {}): Promise<IngestOutcome> {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    return rejected(path, `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? "error"} (${path})`);
  }
  if (!stat.isFile()) return rejected(path, `not a regular file (${path})`);
  if (stat.size < IN_PLACE_BYTES) {
    const file = readDumpFile(path, now);
    if (!file.ok) return rejected(path, `${file.reason} (${path})`);
    return ingestBytes(store, { path, bytes: file.bytes, referenceTime: file.referenceTime, now }, options);
  }
  return ingestSource(store, { path, source: { file: path }, referenceTime: stat.mtime < now ? stat.mtime : now, now }, options);
}

/**
 * Ingests one dump's bytes, chunk by chunk. The dump row is written with the first chunk and is
 * complete (`resumeAt` null) only with the last; a dump left incomplete by a stop or a crash is
 * picked up where it ended the next time the same bytes are ingested, so each paper is stored and
 * announced once.
 */
export function ingestBytes(
  store: Store,
  input: { path: string; bytes: Buffer; referenceTime: Date; now: Date; tldr?: TldrChoice },
  options: IngestOptions = {},
): Promise<IngestOutcome> {
  const { bytes, ...rest } = input;
  return ingestSource(store, { ...rest, source: { bytes } }, options);
}

async function ingestSource(
  store: Store,
  input: { path: string; source: DumpSource; referenceTime: Date; now: Date; tldr?: TldrChoice },
  options: IngestOptions,
): Promise<IngestOutcome> {
  const { path, now } = input;
  const tldr = input.tldr ?? "extractive";
  let opening: DumpOpening | null;
  try {
    opening = await openDump({ source: input.source, name: basename(path), referenceTime: input.referenceTime.toISOString(), tldr }, options.signal);
  } catch (error) {
    // The file could not be read to the end (removed or unreadable since it was listed).
    if (!isPaperbotError(error)) throw error;
    return rejected(path, `${error.message} (${path})`);
  }
  if (opening === null) return { ...rejected(path, null), status: "interrupted" };
  try {
    return await ingestOpened(store, { path, now, tldr, opening }, options);
  } finally {
    opening.close();
  }
}

async function ingestOpened(
  store: Store,
  input: { path: string; now: Date; tldr: TldrChoice; opening: DumpOpening },
  options: IngestOptions,
): Promise<IngestOutcome> {
  const { path, now, opening } = input;
  const { hash } = opening;
  const known = store.dumps.findByHash(hash);
  if (known?.status === "ingested" && known.resumeAt === null) {
    return {
      path,
      status: "duplicate",
      papers: known.papers,
      new: 0,
      known: known.papers,
      error: null,
      warnings: [],
      newPaperIds: [],
    };
  }
  const resumed = known?.status === "ingested" ? known : undefined;
  let feed: DraftFeed | null;
  try {
    feed = await opening.start(resumed?.resumeAt ?? 0);
  } catch (error) {
    if (!isPaperbotError(error)) throw error;
    if (options.skipNonDumps === true && NOT_A_DUMP.has(error.code)) return skipped(path, `not a dump: ${error.message}`);
    const message = error.describe();
    try {
      store.transaction(() => store.dumps.reject({ contentHash: hash, path, error: message, at: now.toISOString() }));
    } catch (writeError) {
      throw storeWriteError(writeError, "could not record the rejected dump", path, store.location);
    }
    return rejectedOutcome(path, message);
  }
  if (feed === null) return { ...rejected(path, null), status: "interrupted" };
  try {
    return await recordFeed(store, { path, hash, feed, now, resumed, tldr: input.tldr }, options);
  } finally {
    feed.close();
  }
}

interface Progress {
  dumpId: number | null;
  next: number;
  newCount: number;
  knownCount: number;
  newPaperIds: number[];
}

interface FeedInput {
  path: string;
  hash: string;
  feed: DraftFeed;
  now: Date;
  resumed: DumpRecord | undefined;
  tldr: TldrChoice;
}

async function recordFeed(store: Store, input: FeedInput, options: IngestOptions): Promise<IngestOutcome> {
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
