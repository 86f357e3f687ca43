import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { MAX_DUMP_BYTES } from "../digests/index.js";
import { isPaperbotError } from "../errors.js";
import { storeWriteError, type Store } from "../store/index.js";
import type { TldrChoice } from "./derive.js";
import { IN_PLACE_BYTES, openDump, type DraftFeed, type DumpOpening, type DumpSource } from "./feed.js";
import { recordFeed, type IngestOptions, type IngestOutcome } from "./record.js";

export { contentHash } from "./feed.js";
export { BACKFILL_CHUNK, CHUNK_MS, CHUNK_PAPERS, type IngestOptions, type IngestOutcome, type NewPapersHook } from "./record.js";

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

