import type { QueryError } from "./query.js";

/**
 * The query text cut into words, quoted phrases and parentheses, with 1-based columns. `end` is the
 * 0-based index just past the lexeme, so `next.column - 1 === end` means the two touch (`-(`,
 * `title:"…"`), which is how a bare "-" or "title:" attaches to what follows it.
 */
export type Lexeme =
  | { readonly kind: "open" | "close"; readonly column: number; readonly end: number }
  | { readonly kind: "word"; readonly text: string; readonly column: number; readonly end: number }
  | {
      readonly kind: "phrase";
      readonly text: string;
      readonly prefix: boolean;
      readonly column: number;
      readonly end: number;
    };

export type LexResult = { ok: true; lexemes: Lexeme[] } | { ok: false; error: QueryError };

const QUOTES = new Set(['"', "\u201c", "\u201d", "\u201e"]);

/** Whitespace, and control characters (NUL included), which separate words and are otherwise dropped. */
function isSpace(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code <= 0x20 || (code >= 0x7f && code <= 0x9f) || /\s/.test(ch);
}

export function lex(text: string): LexResult {
  const lexemes: Lexeme[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (isSpace(ch)) {
      i += 1;
    } else if (ch === "(" || ch === ")") {
      lexemes.push({ kind: ch === "(" ? "open" : "close", column: i + 1, end: i + 1 });
      i += 1;
    } else if (QUOTES.has(ch)) {
      let close = i + 1;
      while (close < text.length && !QUOTES.has(text.charAt(close))) close += 1;
      if (close >= text.length) {
        return {
          ok: false,
          error: { message: `unbalanced quote at column ${i + 1}: close it or remove it`, column: i + 1 },
        };
      }
      let end = close + 1;
      while (text.charAt(end) === "*") end += 1;
      const phrase = text.slice(i + 1, close);
      lexemes.push({ kind: "phrase", text: phrase, prefix: end > close + 1, column: i + 1, end });
      i = end;
    } else {
      let end = i;
      while (end < text.length) {
        const next = text.charAt(end);
        if (isSpace(next) || next === "(" || next === ")" || QUOTES.has(next)) break;
        end += 1;
      }
      lexemes.push({ kind: "word", text: text.slice(i, end), column: i + 1, end });
      i = end;
    }
  }
  return { ok: true, lexemes };
}
