import { isUtf8 } from "node:buffer";
import { PaperbotError } from "../errors.js";

/** Dumps larger than this are refused before any byte is inspected. */
export const MAX_DUMP_BYTES = 50 * 1024 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Turns a dump's bytes into text, or explains why they are not a text dump: too large, empty,
 * UTF-16, binary, or not UTF-8. Every check is a single pass over the bytes.
 */
export function decodeDump(content: Buffer, name: string): string {
  if (content.length > MAX_DUMP_BYTES) {
    const megabytes = (content.length / (1024 * 1024)).toFixed(1);
    throw new PaperbotError(
      "DUMP_TOO_LARGE",
      `dump is ${megabytes} MB; the limit is ${MAX_DUMP_BYTES / (1024 * 1024)} MB`,
      name,
    );
  }
  if (content.length === 0) throw new PaperbotError("DUMP_EMPTY", "dump is empty", name);
  if (hasUtf16Bom(content) || looksNulInterleaved(content)) {
    throw new PaperbotError("DUMP_ENCODING", "dump is UTF-16; save as UTF-8", name);
  }
  const body = startsWithUtf8Bom(content) ? content.subarray(UTF8_BOM.length) : content;
  rejectBinary(body, name);
  if (!isUtf8(body)) {
    const offset = firstInvalidUtf8Offset(body);
    const byte = body[offset] ?? 0;
    throw new PaperbotError(
      "DUMP_ENCODING",
      `dump is not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, "0")}); save as UTF-8`,
      `${name}:${lineAtOffset(body, offset)}`,
    );
  }
  const text = body.toString("utf8");
  if (isBlank(text)) throw new PaperbotError("DUMP_EMPTY", "dump contains only whitespace", name);
  return text;
}

function hasUtf16Bom(content: Buffer): boolean {
  const [a, b] = [content[0], content[1]];
  return (a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff);
}

function startsWithUtf8Bom(content: Buffer): boolean {
  return UTF8_BOM.every((byte, index) => content[index] === byte);
}

/** UTF-16 without a BOM: ASCII text leaves a NUL in every other byte. */
function looksNulInterleaved(content: Buffer): boolean {
  const sample = Math.min(content.length, 4096);
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

function isControlByte(byte: number): boolean {
  // Tab, line feed, vertical tab, form feed and carriage return occur in honest text.
  if (byte >= 0x09 && byte <= 0x0d) return false;
  return byte < 0x20 || byte === 0x7f;
}

function rejectBinary(body: Buffer, name: string): void {
  const nul = body.indexOf(0);
  if (nul !== -1) {
    throw new PaperbotError("DUMP_BINARY", "dump is binary (it contains NUL bytes)", `${name}:${lineAtOffset(body, nul)}`);
  }
  let controls = 0;
  for (let index = 0; index < body.length; index += 1) {
    if (isControlByte(body[index] ?? 0)) controls += 1;
  }
  if (controls > 8 && controls * 100 > body.length) {
    throw new PaperbotError("DUMP_BINARY", `dump is binary (${controls} control characters)`, name);
  }
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

/** 1-based line of a byte offset, counting LF, CRLF and lone CR as line ends. */
function lineAtOffset(body: Buffer, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index += 1) {
    const byte = body[index];
    if (byte === 0x0a) line += 1;
    else if (byte === 0x0d && body[index + 1] !== 0x0a) line += 1;
  }
  return line;
}

function isBlank(text: string): boolean {
  return /^[\s\u200b]*$/u.test(text);
}
