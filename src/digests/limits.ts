/**
 * How much of a dump the readers hold at once. A dump read whole (`readDump`) is refused above
 * MAX_DUMP_BYTES, since its bytes are all in memory; a streamed dump has no size limit, only a
 * limit per paper, so one absurd entry is skipped and the rest still read.
 */
export const MAX_DUMP_BYTES = 50 * 1024 * 1024;

/** A paper's title and abstract (or an entry's JSON or Atom text) above this are skipped with a warning. */
export const DEFAULT_MAX_PAPER_BYTES = 1024 * 1024;

/** The smallest limit per paper a reader accepts: below it, a skipped paper could look like a title. */
export const MIN_PAPER_BYTES = 1024;

/** The limit per paper a caller asked for, kept within what the readers can honour. */
export function paperLimit(requested: number | undefined): number {
  if (requested === undefined || !Number.isFinite(requested)) return DEFAULT_MAX_PAPER_BYTES;
  return Math.max(MIN_PAPER_BYTES, Math.floor(requested));
}

/** `1 MB`, `64 KB`, `1.5 KB`: a limit as a person reads it. */
export function describeBytes(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb) return `${Number((bytes / mb).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

/** UTF-8 bytes of a text, computed only when its length leaves the answer in doubt. */
export function exceedsBytes(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return Buffer.byteLength(text, "utf8") > limit;
}
