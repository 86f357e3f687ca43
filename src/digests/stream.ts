import { PaperbotError } from "../errors.js";
import { AtomReader } from "./atom-reader.js";
import { DumpDecoder } from "./decode.js";
import { JsonReader } from "./json-reader.js";
import { paperLimit } from "./limits.js";
import { TextReader } from "./text-reader.js";
import type { DumpSource, DumpStreamEnd, FormatReader, PaperDraft } from "./types.js";

/** Where a streamed dump comes from, and how much one paper may take before it is skipped. */
export type DumpStreamSource = DumpSource & {
  /** UTF-8 bytes a paper's text (or one JSON or Atom entry) may take; 1 MB by default, at least 1 KB. */
  maxPaperBytes?: number;
};

/**
 * A dump read from its bytes as they arrive, whatever its format: the format is detected from the
 * first character that is not whitespace, never the file name. Until that character comes, the
 * whitespace before it goes to each format's reader, since each counts lines its own way. Bad
 * input throws a PaperbotError (DUMP_*) whose `where` names the file, and the line when one is to
 * blame; a problem in the text is thrown once every byte has been decoded, since a decoding
 * problem anywhere ranks first, as it does for a reader of the whole file.
 */
export class DumpStreamReader {
  private readonly decoder: DumpDecoder;
  private readonly maxPaperBytes: number;
  private candidates: FormatReader[] | null;
  private reader: FormatReader | null = null;
  private papers = 0;

  constructor(private readonly source: DumpStreamSource) {
    this.decoder = new DumpDecoder(source.name);
    this.maxPaperBytes = paperLimit(source.maxPaperBytes);
    this.candidates = [this.textReader(), this.jsonReader(), this.atomReader()];
  }

  /** Reads the next bytes; returns the papers they completed, in order. */
  push(chunk: Uint8Array): PaperDraft[] {
    const out: PaperDraft[] = [];
    this.feed(this.decoder.push(chunk), out);
    return out;
  }

  /** Reads what is left; returns the last papers and what the dump says as a whole, or throws. */
  end(): { papers: PaperDraft[]; end: DumpStreamEnd } {
    const out: PaperDraft[] = [];
    this.feed(this.decoder.end(), out);
    this.decoder.verify();
    const reader = this.reader;
    if (reader === null) throw new PaperbotError("DUMP_EMPTY", "dump contains only whitespace", this.source.name);
    if (reader.failure !== null) throw reader.failure;
    const before = out.length;
    const { format, dumpDate, warnings } = reader.end(out);
    this.papers += out.length - before;
    return { papers: out, end: { format, dumpDate, warnings, papers: this.papers } };
  }

  private feed(text: string, out: PaperDraft[]): void {
    if (text === "") return;
    let rest = text;
    if (this.reader === null) {
      const first = text.search(/\S/u);
      const space = first === -1 ? text : text.slice(0, first);
      if (space !== "") for (const candidate of this.candidates ?? []) candidate.push(space, []);
      if (first === -1) return;
      this.reader = this.choose(text.charAt(first));
      this.candidates = null;
      rest = text.slice(first);
    }
    if (this.reader.failure !== null) return;
    const before = out.length;
    this.reader.push(rest, out);
    this.papers += out.length - before;
  }

  /** JSON opens with `[` or `{`, markup with `<`; anything else is read as a page capture. */
  private choose(first: string): FormatReader {
    const [text, json, atom] = this.candidates ?? [this.textReader(), this.jsonReader(), this.atomReader()];
    if (first === "[" || first === "{") return json ?? this.jsonReader();
    if (first === "<") return atom ?? this.atomReader();
    return text ?? this.textReader();
  }

  private textReader(): FormatReader {
    return new TextReader(this.source, this.maxPaperBytes);
  }

  private jsonReader(): FormatReader {
    return new JsonReader(this.source, this.maxPaperBytes);
  }

  private atomReader(): FormatReader {
    return new AtomReader(this.source.name, this.maxPaperBytes, true);
  }
}

/**
 * Reads a dump from its bytes as they arrive, yielding each paper draft as soon as it is complete;
 * returns what the dump says as a whole. What it holds at any time is bounded by the limit per
 * paper, not by the dump's size. The drafts, warnings and errors are those `readDump` gives for the
 * same bytes; an error the whole dump decides (no papers, not a dump, a NUL byte near the end)
 * comes after the drafts read before it, so a caller keeps nothing of a dump that throws.
 */
export async function* readDumpStream(
  chunks: AsyncIterable<Uint8Array>,
  source: DumpStreamSource,
): AsyncGenerator<PaperDraft, DumpStreamEnd, undefined> {
  const reader = new DumpStreamReader(source);
  for await (const chunk of chunks) yield* reader.push(chunk);
  const { papers, end } = reader.end();
  yield* papers;
  return end;
}
