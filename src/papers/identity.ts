import { parseArxivId } from "./arxiv.js";

/**
 * Paper identity. The same paper reaches us through different dumps with trivially different
 * renderings (curly vs straight quotes, "—" vs ":", a doubled space, NFKC variants), so the store
 * keys papers by a canonical form: the arXiv id when a dump carries one, else the normalised title.
 */
import { createHash } from "node:crypto";

/** Quote-like characters (including the modifier-letter apostrophe, which Unicode calls a letter). */
const QUOTES = /['"`\u00B4\u2018-\u201F\u2032-\u2037\u2039\u203A\u00AB\u00BB\u02BC\u02B9\u02BA\uFF02\uFF07]/gu;
/** Anything that is not a letter, digit or combining mark; `+` and `#` survive for names like C++ and C#. */
const SEPARATORS = /[^\p{L}\p{N}\p{M}+#]+/gu;
/** Invisible format characters (zero-width space, soft hyphen, BOM) that copy-paste leaves behind. */
const FORMAT_CHARS = /\p{Cf}/gu;
/** Latin diacritics, folded so "Schrödinger" and a LaTeX-mangled "Schrodinger" agree. */
const LATIN_DIACRITICS = /[\u0300-\u036F]/g;

/**
 * The canonical form of a title: NFKC, case-folded, Latin diacritics dropped, quotes removed
 * (so "Let's" and "Let’s" agree), every dash, other punctuation and whitespace run collapsed to a
 * single space. "Foo: Bar", "Foo — Bar" and "foo - bar" all become `foo bar`.
 */
export function normalizeTitle(title: string): string {
  // Plain ASCII is already in every normal form, and its only letters are a–z once lower-cased:
  // the ASCII scanners give the same result as the Unicode ones at a fraction of the cost.
  if (PRINTABLE_ASCII.test(title)) return title.toLowerCase().replace(ASCII_QUOTES, "").replace(ASCII_SEPARATORS, " ").trim();
  return foldUnicode(title).replace(QUOTES, "").replace(SEPARATORS, " ").trim();
}

const PRINTABLE_ASCII = /^[\x20-\x7E\t\n\r]*$/;
const ASCII_QUOTES = /['"`]/g;
const ASCII_SEPARATORS = /[^a-z0-9+#]+/g;

function foldUnicode(title: string): string {
  return title
    .normalize("NFKC")
    .replace(FORMAT_CHARS, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/ς/g, "σ")
    .normalize("NFKD")
    .replace(LATIN_DIACRITICS, "")
    .normalize("NFC");
}

/**
 * The arXiv id without decoration: trimmed, without an `arXiv:` prefix and without a version
 * suffix (`2401.01234v2` → `2401.01234`), because versions of one paper are one paper. Null when
 * empty, so callers fall back to the title.
 */
export function canonicalArxivId(arxivId: string | null): string | null {
  if (arxivId === null) return null;
  const bare = arxivId.trim().replace(/^arxiv:\s*/i, "");
  if (bare.length === 0) return null;
  return parseArxivId(bare)?.id ?? bare;
}

/** Whitespace and invisible format characters, ignored when a title has no words to normalise. */
const BLANKS = /[\s\p{Cf}]+/gu;

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 16);
}

/**
 * The identity of a paper known only by its title: `title:<normalised title>`. A title made only of
 * symbols or emoji (`🦓🦓🦓`, `???`) normalises to nothing, and an empty key would make every such
 * paper one paper; those are keyed `text:<hash>` of the title as written (NFKC, blanks dropped)
 * together with the normalised abstract, so only the same symbols over the same abstract agree.
 */
export function titleKey(title: string, abstract = ""): string {
  const normalized = normalizeTitle(title);
  if (normalized.length > 0) return `title:${normalized}`;
  const symbols = title.normalize("NFKC").replace(BLANKS, "");
  return `text:${digest(`${symbols}\n${normalizeTitle(abstract)}`)}`;
}

/**
 * The key of a paper whose title key already names an unrelated paper (same title, an abstract
 * that disagrees): the title key qualified by a hash of its own normalised abstract, so it is
 * unique and the same paper finds it again.
 */
export function distinctTitleKey(title: string, abstract: string): string {
  return `${titleKey(title, abstract)}#${digest(normalizeTitle(abstract))}`;
}

/**
 * The identity the store keys a paper by: `arxiv:<id>` when the arXiv id is known (stable across
 * retitles), else {@link titleKey}. Text captures carry no id, so most keys are title keys.
 */
export function paperKey(p: { arxivId: string | null; title: string; abstract?: string }): string {
  const id = canonicalArxivId(p.arxivId);
  return id === null ? titleKey(p.title, p.abstract) : `arxiv:${id}`;
}

/**
 * Where a title's main part ends: a colon, a dash between spaces, an em dash or horizontal bar,
 * or a question/exclamation mark followed by more words. A bare hyphen is a compound word, not one.
 */
const SUBTITLE_SEPARATOR = /\s*:\s+|\s+[-\u2010-\u2015\u2212]{1,3}\s+|[\u2014\u2015]|[?!]\s+(?=\S)/u;

/**
 * The normalised part of a title before its subtitle ("CROMA: Remote Sensing…" → `croma`), or the
 * whole normalised title when it has no subtitle. Versions of a paper often change only the subtitle
 * or its separator, so this is one of the near-duplicate blocking keys.
 */
export function mainTitle(title: string): string {
  const nfkc = title.normalize("NFKC");
  const match = SUBTITLE_SEPARATOR.exec(nfkc);
  const main = match === null ? "" : normalizeTitle(nfkc.slice(0, match.index));
  return main.length > 0 ? main : normalizeTitle(nfkc);
}
