import { readDump, type ParsedDump } from "../digests/index.js";
import { PaperbotError, type ErrorCode } from "../errors.js";
import { workerEntry } from "../workers/entry.js";
import { runInWorker } from "../workers/run.js";

/** What the parse worker is given: the dump's bytes and what anchors its dates. */
export interface ParseJob {
  bytes: Uint8Array;
  name: string;
  referenceTime: string;
}

/** What it answers: the parsed dump, the dump's own error, or a bug. */
export type ParseResult =
  | { ok: true; parsed: ParsedDump }
  | { ok: false; error: { code: ErrorCode; message: string; where: string | null } }
  | { ok: false; bug: string };

/** Below this size a dump is read in place: a worker's start-up would cost more than the read. */
const IN_PLACE_BYTES = 256 * 1024;

/**
 * Reads a dump like `readDump`, off the main thread when it is large: reading 20,000 papers takes
 * seconds, during which health checks, interactions and signals must still be served. Throws the
 * same PaperbotError the reader would; null when `signal` stopped it first.
 */
export async function readDumpOffThread(bytes: Buffer, name: string, referenceTime: Date, signal?: AbortSignal): Promise<ParsedDump | null> {
  if (bytes.length < IN_PLACE_BYTES) return readDump(bytes, { name, referenceTime });
  const job: ParseJob = { bytes, name, referenceTime: referenceTime.toISOString() };
  const result = await runInWorker<ParseResult>(workerEntry(import.meta.url, "parse-worker"), job, signal);
  if (result === null) return null;
  if (result.ok) return result.parsed;
  if ("bug" in result) throw new Error(`reading ${name} failed: ${result.bug}`);
  throw new PaperbotError(result.error.code, result.error.message, result.error.where ?? undefined);
}
