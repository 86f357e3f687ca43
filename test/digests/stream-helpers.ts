import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readDump, readDumpStream, type DumpStreamEnd, type PaperDraft, type ParsedDump } from "../../src/digests/index.js";
import { isPaperbotError } from "../../src/errors.js";
import { prng } from "../../src/recommend/classifier.js";
import { REFERENCE_TIME } from "./helpers.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/dumps/", import.meta.url));

/** Every dump fixture: the reader fixtures and the sample captures (../shared/dumps), by path under fixtures/dumps. */
export function dumpFixtureNames(): string[] {
  const top = readdirSync(FIXTURES, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
  const samples = readdirSync(`${FIXTURES}samples`).map((name) => `samples/${name}`);
  return [...top, ...samples].sort();
}

/** What a reading gave: the whole result, or the error's code, message and place. */
export type Outcome =
  | { ok: true; format: string; dumpDate: string | null; papers: PaperDraft[]; warnings: ParsedDump["warnings"] }
  | { ok: false; code: string; message: string; where: string | undefined };

function failed(error: unknown): Outcome {
  if (!isPaperbotError(error)) throw error;
  return { ok: false, code: error.code, message: error.message, where: error.where };
}

export function readWhole(bytes: Buffer, name: string, referenceTime = REFERENCE_TIME): Outcome {
  try {
    const dump = readDump(bytes, { name, referenceTime });
    return { ok: true, format: dump.format, dumpDate: dump.dumpDate, papers: dump.papers, warnings: dump.warnings };
  } catch (error) {
    return failed(error);
  }
}

/** The bytes cut at the given sizes in turn (the last size repeating), each chunk a fresh copy. */
export async function* chunked(bytes: Buffer, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let offset = 0;
  for (let index = 0; offset < bytes.length; index += 1) {
    const size = Math.max(1, sizes[Math.min(index, sizes.length - 1)] ?? 1);
    yield Uint8Array.from(bytes.subarray(offset, offset + size));
    offset += size;
  }
}

export async function readStreamed(
  chunks: AsyncIterable<Uint8Array>,
  name: string,
  options: { referenceTime?: Date; maxPaperBytes?: number } = {},
): Promise<Outcome & { end?: DumpStreamEnd }> {
  const papers: PaperDraft[] = [];
  const source = { name, referenceTime: options.referenceTime ?? REFERENCE_TIME, ...(options.maxPaperBytes === undefined ? {} : { maxPaperBytes: options.maxPaperBytes }) };
  const stream = readDumpStream(chunks, source);
  try {
    for (;;) {
      const next = await stream.next();
      if (next.done === true) {
        const end = next.value;
        return { ok: true, format: end.format, dumpDate: end.dumpDate, papers, warnings: end.warnings, end };
      }
      papers.push(next.value);
    }
  } catch (error) {
    return failed(error);
  }
}

/** Chunk sizes from 1 byte to 64 KB, drawn from a seed so that a failure can be replayed. */
export function randomSizes(seed: number, count: number): number[] {
  const next = prng(seed);
  return Array.from({ length: count }, () => Math.floor(2 ** (next() * 16)));
}
