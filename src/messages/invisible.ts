/**
 * Characters a reader cannot see but that change what they read: control characters (but tab and
 * newline), bidirectional marks, embeddings, overrides and isolates (U+200E, U+200F, U+061C,
 * U+202A–U+202E, U+2066–U+2069), zero-width spaces and joiners (U+200B–U+200D, U+2060, U+FEFF) and
 * the other format characters. Dump text loses them on every platform, so a title cannot reverse
 * itself or hide a word.
 */
const INVISIBLE = /(?![\t\n])[\p{Cc}\p{Cf}]/gu;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}
