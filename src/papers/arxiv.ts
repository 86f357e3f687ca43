/**
 * arXiv identifiers, read one way everywhere: dumps, paper identity, `/papers show`. Versions of
 * one paper are one paper, so the id is kept without its version (which is returned beside it).
 */

/** New style (since April 2007): `YYMM.NNNN` or `YYMM.NNNNN`, optionally `vN`. */
const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/u;
/** Old style: `archive(.SUBJECT)/YYMMNNN`, e.g. `hep-th/9901001`, `math.GT/0309136`, optionally `vN`. */
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?$/u;
const ARXIV_HOST = /^(?:www\.|export\.)?arxiv\.org$/iu;
const HF_HOST = /^(?:www\.)?huggingface\.co$/iu;

export interface ArxivRef {
  /** The id without version: `2401.01234`, `hep-th/9901001`. */
  id: string;
  /** The version asked for (`v2` → 2), or null when none was given. */
  version: number | null;
}

/** The id part of an arxiv.org (`/abs/…`, `/pdf/….pdf`) or huggingface.co (`/papers/…`) address. */
function idFromUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//iu.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  const path = decodeURIComponent(url.pathname).replace(/\/+$/u, "");
  if (ARXIV_HOST.test(url.hostname)) {
    const match = /^\/(?:abs|pdf)\/(.+?)(?:\.pdf)?$/u.exec(path);
    return match?.[1] ?? null;
  }
  if (HF_HOST.test(url.hostname)) return /^\/papers\/([^/]+)$/u.exec(path)?.[1] ?? null;
  return null;
}

/**
 * Reads an arXiv id in any form people and dumps use: `2401.01234v2`, `arXiv:2401.01234`,
 * `hep-th/9901001`, `https://arxiv.org/abs/2401.01234v2`, `arxiv.org/pdf/2401.01234v2.pdf`,
 * `https://huggingface.co/papers/2401.01234`. Null when the text is none of these.
 */
export function parseArxivId(text: string): ArxivRef | null {
  const trimmed = text.trim();
  const looksLikeUrl = /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)*(?:arxiv\.org|huggingface\.co)\//iu.test(trimmed);
  const bare = looksLikeUrl ? idFromUrl(trimmed) : trimmed.replace(/^arxiv:\s*/iu, "");
  if (bare === null) return null;
  const match = NEW_STYLE.exec(bare) ?? OLD_STYLE.exec(bare);
  if (match?.[1] === undefined) return null;
  return { id: match[1], version: match[2] === undefined ? null : Number(match[2]) };
}
