/** Control characters and invisible format characters (bidi marks and overrides, zero-width joiners) never reach a Discord client. */
const CONTROL = /(?![\t\n])[\p{Cc}\p{Cf}]/gu;
/** Characters with a meaning anywhere: escape, emphasis, strike, code, spoilers, masked links. */
const INLINE = /[\\*_~`|[\]]/g;
/** Characters with a meaning at the start of a line: headings, subtext, quotes, lists. */
const LINE_START = /^([ \t]*)([#>+-]|\d+\.(?=\s))/gm;
const ZWSP = "\u200b";

/**
 * Makes text from a dump (or typed by a user) inert on Discord: markdown characters escaped with
 * a backslash (which Discord drops when rendering), and so are line-start markers (headings,
 * quotes, lists); `@everyone`, `@here` and `<@…>`, `<@&…>`, `<#…>`, `</…>`, `<t:…>` are broken
 * with a zero-width space.
 * `allowed_mentions: {parse: []}` already stops pings; this also stops the blue pills.
 *
 * Not discord.js `escapeMarkdown`: on long runs without spaces it is quadratic (0.4 s for one
 * 4,000-character word, measured), stalling the event loop every interaction shares. Escaping
 * character by character is linear, and stays safe on any cut of the text.
 */
export function inert(text: string): string {
  return text
    .replace(CONTROL, "")
    .replace(INLINE, "\\$&")
    .replace(LINE_START, (_, indent: string, mark: string) => `${indent}${mark.endsWith(".") ? `${mark.slice(0, -1)}\\.` : `\\${mark}`}`)
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<(?=[@#/:]|a:|t:)/g, `<${ZWSP}`);
}

/**
 * Discord limits count characters; UTF-16 length is never below the code-point count, so
 * measuring it keeps us within the limit whichever way Discord counts.
 */
export const size = (text: string | undefined): number => text?.length ?? 0;

/** `inert(raw)` shortened on a code-point boundary (before escaping) so the result fits in `max`. */
export function fit(raw: string, max: number): string {
  const whole = inert(raw);
  if (size(whole) <= max) return whole;
  const points = [...raw];
  let keep = Math.min(points.length, max);
  while (keep > 0) {
    const text = `${inert(points.slice(0, keep).join("").trimEnd())}…`;
    const over = size(text) - max;
    if (over <= 0) return text;
    keep -= Math.max(1, Math.ceil(over / 2));
  }
  return max >= 1 ? "…" : "";
}

/** Shortens our own (non-dump) text, e.g. button labels, which Discord shows without markdown. */
export function clip(text: string, max: number): string {
  const clean = text.replace(CONTROL, "");
  if (size(clean) <= max) return clean;
  const points = [...clean];
  let keep = max - 1;
  while (keep > 0 && size(points.slice(0, keep).join("")) > max - 1) keep -= 1;
  return `${points.slice(0, keep).join("")}…`;
}
