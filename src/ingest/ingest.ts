import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { MAX_DUMP_BYTES, readDump, type ParsedDump } from "../digests/index.js";
import { isPaperbotError } from "../errors.js";
import { storeWriteError, type Store } from "../store/index.js";
import { findExisting, identify, mergeInto, newPaperFrom, uniquePaperKey } from "./merge.js";

/** The result for one dump file, as `paperbot ingest --json` reports it. */
export interface IngestOutcome {
  path: string;
  status: "ingested" | "duplicate" | "rejected";
  papers: number;
  new: number;
  known: number;
  error: string | null;
  warnings: string[];
  newPaperIds: number[];
}

/**
 * Called inside the ingest transaction with the papers this dump introduced, so outbox rows are
 * written atomically with the papers that caused them.
 */
export type NewPapersHook = (paperIds: readonly number[], now: Date) => void;

export function contentHash(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The outcome for a file that could not be read or parsed. */
export function rejectedOutcome(path: string, error: string): IngestOutcome {
  return { path, status: "rejected", papers: 0, new: 0, known: 0, error, warnings: [], newPaperIds: [] };
}

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

/** Reads a dump file and ingests it; a broken file is recorded as rejected and the store is untouched. */
export function ingestFile(store: Store, path: string, now: Date, onNewPapers?: NewPapersHook): IngestOutcome {
  const file = readDumpFile(path, now);
  if (!file.ok) return rejectedOutcome(path, `${file.reason} (${path})`);
  return ingestBytes(store, { path, bytes: file.bytes, referenceTime: file.referenceTime, now }, onNewPapers);
}

export function ingestBytes(
  store: Store,
  input: { path: string; bytes: Buffer; referenceTime: Date; now: Date },
  onNewPapers?: NewPapersHook,
): IngestOutcome {
  const { path, bytes, now } = input;
  const hash = contentHash(bytes);
  const known = store.dumps.findByHash(hash);
  if (known?.status === "ingested") {
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
  let parsed: ParsedDump;
  try {
    parsed = readDump(bytes, { name: basename(path), referenceTime: input.referenceTime });
  } catch (error) {
    if (!isPaperbotError(error)) throw error;
    const message = error.describe();
    try {
      store.transaction(() => store.dumps.reject({ contentHash: hash, path, error: message, at: now.toISOString() }));
    } catch (writeError) {
      throw storeWriteError(writeError, "could not record the rejected dump", path, store.location);
    }
    return rejectedOutcome(path, message);
  }
  try {
    return store.transaction(() => recordParsed(store, { path, hash, parsed, now }, onNewPapers));
  } catch (error) {
    throw storeWriteError(error, "could not store the dump", path, store.location);
  }
}

function recordParsed(
  store: Store,
  input: { path: string; hash: string; parsed: ParsedDump; now: Date },
  onNewPapers?: NewPapersHook,
): IngestOutcome {
  const { path, hash, parsed, now } = input;
  const at = now.toISOString();
  store.dumps.forgetRejected(hash);
  const warnings = parsed.warnings.map((w) => `${basename(path)}:${w.line}: ${w.message}`);
  const dumpId = store.dumps.begin({
    contentHash: hash,
    path,
    format: parsed.format,
    dumpDate: parsed.dumpDate,
    papers: parsed.papers.length,
    warnings: JSON.stringify(warnings),
    at,
  });
  const newPaperIds: number[] = [];
  for (const draft of parsed.papers) {
    const identity = identify(draft);
    const existing = findExisting(store.papers, draft, identity);
    let paperId: number;
    if (existing === undefined) {
      paperId = store.papers.insert(newPaperFrom(draft, dumpId, at, { ...identity, key: uniquePaperKey(store.papers, draft, identity) }));
      newPaperIds.push(paperId);
    } else {
      paperId = existing.id;
      store.papers.update(mergeInto(existing, draft, at));
    }
    store.papers.addLookupKeys(paperId, identity.lookupKeys);
    store.papers.recordSighting(paperId, dumpId, draft.upvotes, parsed.dumpDate, at);
  }
  const knownCount = parsed.papers.length - newPaperIds.length;
  store.dumps.finish(dumpId, newPaperIds.length, knownCount);
  onNewPapers?.(newPaperIds, now);
  return {
    path,
    status: "ingested",
    papers: parsed.papers.length,
    new: newPaperIds.length,
    known: knownCount,
    error: null,
    warnings,
    newPaperIds,
  };
}
