import { decodeDump } from "./decode.js";
import { looksLikeJson, readJsonDump } from "./json-reader.js";
import { readTextDump } from "./text-reader.js";
import type { DumpSource, ParsedDump } from "./types.js";

export type { DumpFormat, DumpSource, DumpWarning, PaperDraft, ParsedDump } from "./types.js";
export { MAX_DUMP_BYTES } from "./decode.js";
export { MAX_LINE_LENGTH } from "./text-lines.js";
export { normalizeArxivId } from "./arxiv.js";

/**
 * Reads one dump, whatever its format: the format is detected from the content, never the file
 * name. Bad input throws a PaperbotError (DUMP_*) whose `where` names the file, and the line when
 * one is to blame; damage the reader can work around becomes a warning instead.
 */
export function readDump(content: Buffer, source: DumpSource): ParsedDump {
  const text = decodeDump(content, source.name);
  return looksLikeJson(text) ? readJsonDump(text, source) : readTextDump(text, source);
}
