import { PaperbotError } from "../errors.js";
import { MAX_DUMP_BYTES } from "./limits.js";
import { DumpStreamReader } from "./stream.js";
import type { DumpSource, PaperDraft, ParsedDump } from "./types.js";

export type { ArxivDetails, DumpFormat, DumpSource, DumpStreamEnd, DumpWarning, PaperDraft, ParsedDump } from "./types.js";
export { DEFAULT_MAX_PAPER_BYTES, MAX_DUMP_BYTES } from "./limits.js";
export { MAX_LINE_LENGTH } from "./text-lines.js";
export { normalizeArxivId } from "./arxiv.js";
export { readAtomFeed, type AtomFeed } from "./atom-reader.js";
export { DumpStreamReader, readDumpStream, type DumpStreamSource } from "./stream.js";

/**
 * Reads one dump held whole in memory, whatever its format (a Daily Papers text capture, Hugging
 * Face JSON, an arXiv Atom feed): the same reading as {@link readDumpStream}, fed the bytes at
 * once. Its bytes being all in memory anyway, a dump over MAX_DUMP_BYTES is refused before any is
 * inspected, and no paper within it is too large to read; large files are for the stream.
 */
export function readDump(content: Buffer, source: DumpSource): ParsedDump {
  if (content.length > MAX_DUMP_BYTES) {
    const megabytes = (content.length / (1024 * 1024)).toFixed(1);
    throw new PaperbotError("DUMP_TOO_LARGE", `dump is ${megabytes} MB; the limit is ${MAX_DUMP_BYTES / (1024 * 1024)} MB`, source.name);
  }
  const reader = new DumpStreamReader({ name: source.name, referenceTime: source.referenceTime, maxPaperBytes: MAX_DUMP_BYTES });
  const papers: PaperDraft[] = reader.push(content);
  const { papers: last, end } = reader.end();
  for (const paper of last) papers.push(paper);
  return { format: end.format, dumpDate: end.dumpDate, papers, warnings: end.warnings };
}
