import { looksLikeMarkup, readAtomDump } from "./atom-reader.js";
import { decodeDump } from "./decode.js";
import { looksLikeJson, readJsonDump } from "./json-reader.js";
import { readTextDump } from "./text-reader.js";
import type { DumpSource, ParsedDump } from "./types.js";

export type { ArxivDetails, DumpFormat, DumpSource, DumpWarning, PaperDraft, ParsedDump } from "./types.js";
export { MAX_DUMP_BYTES } from "./decode.js";
export { MAX_LINE_LENGTH } from "./text-lines.js";
export { normalizeArxivId } from "./arxiv.js";
export { readAtomFeed, type AtomFeed } from "./atom-reader.js";

/**
 * Reads one dump, whatever its format (a Daily Papers text capture, Hugging Face JSON, an arXiv Atom
 * feed): the format is detected from the content, never the file
 * name. Bad input throws a PaperbotError (DUMP_*) whose `where` names the file, and the line when
 * one is to blame; damage the reader can work around becomes a warning instead.
 */
export function readDump(content: Buffer, source: DumpSource): ParsedDump {
  const text = decodeDump(content, source.name);
  if (looksLikeJson(text)) return readJsonDump(text, source);
  if (looksLikeMarkup(text)) return readAtomDump(text, source.name);
  return readTextDump(text, source);
}
