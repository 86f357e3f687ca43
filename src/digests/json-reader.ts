import { PaperbotError } from "../errors.js";
import { readDailyEntry, readPaperEntry } from "./json-entry.js";
import { JsonScanner, type JsonElement } from "./json-scanner.js";
import { describeBytes } from "./limits.js";
import type { DumpFormat, DumpSource, DumpStreamEnd, DumpWarning, FormatReader, PaperDraft } from "./types.js";

/**
 * How much entry text may wait for the format to be known: a `/api/daily_papers` array says so in
 * its first entry (a `paper` object), an array of paper objects never does, so its first entries
 * wait until this much is read (or the end), and the rest follow the format decided then.
 */
const FORMAT_WINDOW_CHARS = 8 * 1024 * 1024;

/** One entry read under one format: the paper (if usable), its warnings and its featured date. */
interface EntryReading {
  draft: PaperDraft | null;
  warnings: DumpWarning[];
  featured: string | null;
}

/**
 * Reads Hugging Face JSON as it arrives: a `/api/daily_papers` array ("hf-daily-json"), or one
 * `/api/papers/{id}` object or an array of them ("hf-paper-json"). Each element of the array is cut
 * out and parsed alone; entries that are not usable papers are skipped with a warning whose line
 * is the entry's index + 1. The format is that of any entry holding a `paper` object, as long as
 * one does within the first {@link FORMAT_WINDOW_CHARS} of entries; until then entries are read
 * both ways and wait.
 */
export class JsonReader implements FormatReader {
  private readonly scanner: JsonScanner;
  private error: PaperbotError | null = null;
  private entries = 0;
  private format: DumpFormat | null = null;
  private pending: { daily: EntryReading; paper: EntryReading }[] = [];
  private pendingChars = 0;
  private paperLike = false;
  private skippedLarge = false;
  private readonly warnings: DumpWarning[] = [];
  private readonly featured = new Map<string, number>();
  private papers = 0;
  private out: PaperDraft[] = [];

  constructor(
    private readonly source: DumpSource,
    private readonly maxBytes: number,
  ) {
    this.scanner = new JsonScanner(maxBytes, (element) => this.element(element));
  }

  get failure(): PaperbotError | null {
    if (this.error === null && this.scanner.failure !== null) this.error = this.syntaxError(this.scanner.failure.message, this.scanner.failure.line);
    return this.error;
  }

  push(text: string, out: PaperDraft[]): void {
    this.out = out;
    this.scanner.push(text);
  }

  end(out: PaperDraft[]): Omit<DumpStreamEnd, "papers"> {
    this.out = out;
    const unfinished = this.scanner.end();
    if (unfinished !== null && unfinished.text !== null) this.earlierError(unfinished.text, unfinished);
    const failure = this.failure;
    if (failure !== null) throw failure;
    const { name } = this.source;
    if (this.entries === 0) throw new PaperbotError("DUMP_NO_PAPERS", "the JSON array is empty", name);
    if (this.format === null) {
      if (!this.paperLike && !this.skippedLarge) {
        throw new PaperbotError(
          "DUMP_UNKNOWN_FORMAT",
          "JSON, but neither a Hugging Face daily_papers array nor paper objects (no `paper`, `title` or `summary`)",
          name,
        );
      }
      this.decide("hf-paper-json");
    }
    if (this.papers === 0) {
      throw new PaperbotError("DUMP_NO_PAPERS", `no usable paper in the JSON (${skipReasons(this.warnings)})`, name);
    }
    const format = this.format ?? "hf-paper-json";
    return { format, dumpDate: format === "hf-daily-json" ? mostCommon(this.featured) : null, warnings: this.warnings };
  }

  private element(element: JsonElement): void {
    if (this.error !== null) return;
    this.entries += 1;
    const line = this.entries;
    if (element.text === null) {
      this.skippedLarge = true;
      const message = `entry ${line} (line ${element.line} of the file) takes more than ${describeBytes(this.maxBytes)}, the limit per paper; skipped`;
      const reading: EntryReading = { draft: null, warnings: [{ line, message }], featured: null };
      this.take({ daily: reading, paper: reading }, 0);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(element.text) as unknown;
    } catch (error) {
      this.error = this.parseError(error, element.text, element);
      return;
    }
    if (this.format === null && isRecord(value) && isRecord(value["paper"])) this.decide("hf-daily-json");
    if (this.format !== null) {
      this.emit(this.read(this.format, value, line));
      return;
    }
    if (isRecord(value) && ("title" in value || "summary" in value)) this.paperLike = true;
    const paper = this.read("hf-paper-json", value, line);
    this.take({ daily: this.read("hf-daily-json", value, line), paper }, paper.draft === null ? 0 : element.text.length);
  }

  private take(readings: { daily: EntryReading; paper: EntryReading }, chars: number): void {
    if (this.format !== null) {
      this.emit(this.format === "hf-daily-json" ? readings.daily : readings.paper);
      return;
    }
    this.pending.push(readings);
    this.pendingChars += chars;
    if (this.pendingChars > FORMAT_WINDOW_CHARS) this.decide("hf-paper-json");
  }

  private decide(format: DumpFormat): void {
    this.format = format;
    for (const readings of this.pending) this.emit(format === "hf-daily-json" ? readings.daily : readings.paper);
    this.pending = [];
  }

  private read(format: DumpFormat, entry: unknown, line: number): EntryReading {
    const warnings: DumpWarning[] = [];
    const featuredOn: string[] = [];
    const at = { line, warnings, referenceTime: this.source.referenceTime };
    const draft = format === "hf-daily-json" ? readDailyEntry(entry, at, featuredOn) : readPaperEntry(entry, at);
    return { draft, warnings, featured: featuredOn[0] ?? null };
  }

  private emit(reading: EntryReading): void {
    for (const warning of reading.warnings) this.warnings.push(warning);
    if (reading.featured !== null) this.featured.set(reading.featured, (this.featured.get(reading.featured) ?? 0) + 1);
    if (reading.draft === null) return;
    this.out.push(reading.draft);
    this.papers += 1;
  }

  /** An element cut short by the end of the text may hold an error before its end, which comes first. */
  private earlierError(text: string, element: JsonElement): void {
    try {
      JSON.parse(text);
    } catch (error) {
      const position = /at position (\d+)/u.exec(error instanceof Error ? error.message : "")?.[1];
      if (position !== undefined && Number(position) < text.length) this.error = this.parseError(error, text, element);
    }
  }

  /** JSON.parse's complaint about one element, with its position and line counted in the whole file. */
  private parseError(error: unknown, text: string, element: JsonElement): PaperbotError {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/ \(line \d+ column \d+\)/u, "");
    const position = /at position (\d+)/u.exec(reason)?.[1];
    if (position === undefined) {
      const end = /Unexpected end of JSON input/u.test(reason) ? text.length : 0;
      return this.syntaxError(reason, element.line + countNewlines(text, end), error);
    }
    const local = Number(position);
    const message = reason.replace(/at position \d+/u, `at position ${element.start + local}`);
    return this.syntaxError(message, element.line + countNewlines(text, local), error);
  }

  private syntaxError(reason: string, line: number, cause?: unknown): PaperbotError {
    return new PaperbotError("DUMP_INVALID_JSON", `invalid JSON: ${reason}`, `${this.source.name}:${line}`, { cause });
  }
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1 && at < end; at = text.indexOf("\n", at + 1)) count += 1;
  return count;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How many entries were skipped and why (the first few reasons), for a dump with no usable paper. */
function skipReasons(warnings: readonly DumpWarning[]): string {
  const skipped = warnings.filter((w) => w.message.endsWith("skipped"));
  const shown = skipped.slice(0, 3).map((w) => w.message.replace(/; skipped$/u, ""));
  const more = skipped.length > shown.length ? `; and ${skipped.length - shown.length} more` : "";
  return `${skipped.length} ${skipped.length === 1 ? "entry" : "entries"} skipped: ${shown.join("; ")}${more}`;
}

/** The most frequent value; ties go to the latest (values are ISO dates). */
function mostCommon(counts: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && value > best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
