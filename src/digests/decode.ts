import { isUtf8 } from "node:buffer";
import { PaperbotError } from "../errors.js";

/** The first bytes looked at before any text is let through: enough to recognise UTF-16. */
const SNIFF_BYTES = 4096;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Turns a dump's bytes into text as they arrive, or explains why they are not a text dump: empty,
 * UTF-16, binary, or not UTF-8. The checks rank as if the whole file had been looked at first: a
 * NUL byte anywhere beats a broken UTF-8 sequence before it, so a problem found early is only
 * reported once the bytes after it cannot outrank it. What it holds is a few bytes and counters.
 */
export class DumpDecoder {
  private sniffed: Buffer[] | null = [];
  private sniffedLength = 0;
  private totalBytes = 0;
  private bodyBytes = 0;
  private controls = 0;
  /** Line (LF, CRLF or lone CR ends) at the start of the next bytes, and whether they follow a CR. */
  private line = 1;
  private afterCr = false;
  /** The start of a UTF-8 sequence cut by the end of the last chunk. */
  private carry: Buffer | null = null;
  private invalid: PaperbotError | null = null;
  private blank = true;

  constructor(private readonly name: string) {}

  /** The text of the next bytes ("" while the first bytes are sniffed, or once they stopped being UTF-8). */
  push(chunk: Uint8Array): string {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.totalBytes += bytes.length;
    if (this.sniffed === null) return this.body(bytes);
    this.sniffed.push(Buffer.from(bytes));
    this.sniffedLength += bytes.length;
    return this.sniffedLength >= SNIFF_BYTES ? this.releaseSniffed() : "";
  }

  /** The text still held at the end of the bytes; throws what only the end can tell, by rank. */
  end(): string {
    const text = this.sniffed === null ? "" : this.releaseSniffed();
    if (this.totalBytes === 0) throw new PaperbotError("DUMP_EMPTY", "dump is empty", this.name);
    if (this.carry !== null && this.invalid === null) this.invalid = this.encodingError(this.carry[0] ?? 0, this.line);
    this.carry = null;
    return text;
  }

  /** After end(): the problems that outrank anything a reader found in the text. */
  verify(): void {
    if (this.controls > 8 && this.controls * 100 > this.bodyBytes) {
      throw new PaperbotError("DUMP_BINARY", `dump is binary (${this.controls} control characters)`, this.name);
    }
    if (this.invalid !== null) throw this.invalid;
    if (this.blank) throw new PaperbotError("DUMP_EMPTY", "dump contains only whitespace", this.name);
  }

  private releaseSniffed(): string {
    const content = Buffer.concat(this.sniffed ?? []);
    this.sniffed = null;
    if (hasUtf16Bom(content) || looksNulInterleaved(content)) {
      throw new PaperbotError("DUMP_ENCODING", "dump is UTF-16; save as UTF-8", this.name);
    }
    const bom = UTF8_BOM.every((byte, index) => content[index] === byte);
    return this.body(bom ? content.subarray(UTF8_BOM.length) : content);
  }

  private body(bytes: Buffer): string {
    if (bytes.length === 0) return "";
    if (this.afterCr && bytes[0] !== LF) this.line += 1;
    this.afterCr = false;
    const nul = bytes.indexOf(0);
    if (nul !== -1) {
      const where = `${this.name}:${this.line + countLineEnds(bytes, nul)}`;
      throw new PaperbotError("DUMP_BINARY", "dump is binary (it contains NUL bytes)", where);
    }
    this.bodyBytes += bytes.length;
    this.controls += countControls(bytes);
    const text = this.invalid === null ? this.decode(bytes) : "";
    this.line += countLineEnds(bytes, bytes.length);
    this.afterCr = bytes[bytes.length - 1] === CR;
    if (this.blank && text !== "" && /[^\s\u200b]/u.test(text)) this.blank = false;
    return text;
  }

  private decode(bytes: Buffer): string {
    const carried = this.carry?.length ?? 0;
    const piece = this.carry === null ? bytes : Buffer.concat([this.carry, bytes]);
    const whole = completeLength(piece);
    this.carry = whole < piece.length ? Buffer.from(piece.subarray(whole)) : null;
    const valid = piece.subarray(0, whole);
    if (isUtf8(valid)) return valid.toString("utf8");
    const offset = firstInvalidUtf8Offset(valid);
    const line = offset < carried ? this.line : this.line + countLineEnds(bytes, offset - carried);
    this.invalid = this.encodingError(valid[offset] ?? 0, line);
    this.carry = null;
    return "";
  }

  private encodingError(byte: number, line: number): PaperbotError {
    const hex = byte.toString(16).padStart(2, "0");
    return new PaperbotError("DUMP_ENCODING", `dump is not valid UTF-8 (byte 0x${hex}); save as UTF-8`, `${this.name}:${line}`);
  }
}

function hasUtf16Bom(content: Buffer): boolean {
  const [a, b] = [content[0], content[1]];
  return (a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff);
}

/** UTF-16 without a BOM: ASCII text leaves a NUL in every other byte. */
function looksNulInterleaved(content: Buffer): boolean {
  const sample = Math.min(content.length, SNIFF_BYTES);
  if (sample < 4) return false;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < sample; index += 1) {
    if (content[index] !== 0) continue;
    if (index % 2 === 0) evenNuls += 1;
    else oddNuls += 1;
  }
  const pairs = Math.floor(sample / 2);
  const [many, few] = evenNuls > oddNuls ? [evenNuls, oddNuls] : [oddNuls, evenNuls];
  return many >= pairs * 0.4 && few <= pairs * 0.05;
}

/** Control bytes, less tab, line feed, vertical tab, form feed and carriage return, which occur in honest text. */
function countControls(bytes: Buffer): number {
  let controls = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index] ?? 0;
    if (byte < 0x20 ? byte < 0x09 || byte > 0x0d : byte === 0x7f) controls += 1;
  }
  return controls;
}

/** Line ends before `end`: LF, and CR not followed by LF (a CR last in the bytes waits for the next). */
function countLineEnds(bytes: Buffer, end: number): number {
  let ends = 0;
  for (let at = bytes.indexOf(LF); at !== -1 && at < end; at = bytes.indexOf(LF, at + 1)) ends += 1;
  for (let at = bytes.indexOf(CR); at !== -1 && at < end; at = bytes.indexOf(CR, at + 1)) {
    if (at + 1 < bytes.length && bytes[at + 1] !== LF) ends += 1;
  }
  return ends;
}

/** The length up to a UTF-8 sequence that the end of the bytes cuts short. */
function completeLength(bytes: Buffer): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(3, length); back += 1) {
    const byte = bytes[length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    return sequenceLength(byte) > back ? length - back : length;
  }
  return length;
}

/** The offset of the first byte that breaks UTF-8; only called once isUtf8 said there is one. */
function firstInvalidUtf8Offset(body: Buffer): number {
  let index = 0;
  while (index < body.length) {
    const lead = body[index] ?? 0;
    const length = sequenceLength(lead);
    if (length === 0) return index;
    for (let next = 1; next < length; next += 1) {
      const byte = body[index + next];
      if (byte === undefined || (byte & 0xc0) !== 0x80) return index;
    }
    const second = body[index + 1] ?? 0;
    const overlong = (lead === 0xe0 && second < 0xa0) || (lead === 0xf0 && second < 0x90);
    const surrogate = lead === 0xed && second >= 0xa0;
    const tooHigh = lead === 0xf4 && second >= 0x90;
    if (overlong || surrogate || tooHigh) return index;
    index += length;
  }
  return Math.max(0, body.length - 1);
}

/** How many bytes a UTF-8 sequence starting with `lead` takes; 0 when no sequence starts so. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}
