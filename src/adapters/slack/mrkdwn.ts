/**
 * Making text inert in Slack mrkdwn. Slack has exactly three control characters (`&`, `<`, `>`);
 * escaping them means no `<!channel>`, `<@U…>` or `<url|label>` can be smuggled in. Every mrkdwn
 * object is also sent with `verbatim: true`, so Slack does not auto-link bare URLs, channel names or
 * mentions in it. mrkdwn has no escape for `*`, `_`, `~` or backticks, so dump text that must read
 * literally (titles, TL;DRs, organisations) goes in rich text or plain text instead (render.ts).
 */
import { stripInvisible } from "../../messages/index.js";

export function escapeMrkdwn(text: string): string {
  return stripInvisible(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One line of dump text for a plain_text or rich text field: invisible characters gone, whitespace collapsed. */
export function plainLine(text: string): string {
  return stripInvisible(text).replace(/\s+/g, " ").trim();
}

/** One line of escaped text: whitespace runs (newlines included) collapse to one space. */
export function escapeLine(text: string): string {
  return escapeMrkdwn(text.replace(/\s+/g, " ").trim());
}

/** Cuts at `max` characters (with an ellipsis), never inside an `&amp;`-style entity or a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const amp = text.lastIndexOf("&", cut);
  if (amp >= 0 && amp > cut - 5 && !text.slice(amp, cut).includes(";")) cut = amp;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/** Only http(s) URLs become links; `|`, `<`, `>` are percent-encoded and `&` escaped as Slack wants. */
export function safeUrl(url: string | null): string | null {
  if (url === null || !/^https?:\/\/[^\s]+$/i.test(url)) return null;
  return url.replace(/\|/g, "%7C").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/&/g, "&amp;");
}

/** `<url|label>` with the label escaped and stripped of `|`; the bare escaped label without a usable URL. */
export function link(url: string | null, label: string, maxLabel = 500): string {
  const text = truncate(escapeLine(label.replace(/\|/g, "¦")), maxLabel);
  const href = safeUrl(url);
  return href === null ? text : `<${href}|${text}>`;
}

/**
 * Splits already-escaped text into chunks of at most `max` characters, preferring line breaks,
 * then spaces, so each chunk fits one section block.
 */
export function chunk(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf("\n"), window.lastIndexOf(" "));
    if (cut < max / 2) cut = max;
    const amp = window.lastIndexOf("&", cut - 1);
    if (amp >= 0 && amp > cut - 5 && !window.slice(amp, cut).includes(";")) cut = amp;
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.trim() !== "") chunks.push(rest);
  return chunks;
}
