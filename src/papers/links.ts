/**
 * Where a reader goes from a card. Links derive from the arXiv id, so the store need not keep URLs;
 * a paper without an id (most text captures) links to a title search on Hugging Face Papers, so
 * every card leads somewhere until a JSON dump names the id.
 */
import { canonicalArxivId } from "./identity.js";

export interface PaperLinks {
  /** The paper's Hugging Face page (discussion, upvotes, linked models), or a search for its title. */
  hfUrl: string;
  /** The arXiv abstract page, always the latest version; null without an arXiv id. */
  arxivUrl: string | null;
  /** True when `hfUrl` is a title search rather than the paper's own page. */
  isSearch: boolean;
}

/** A search query stays short enough for every platform's URL limits (Discord's 512 characters). */
const MAX_QUERY_CHARS = 200;

/** `https://huggingface.co/papers/<id>` and `https://arxiv.org/abs/<id>`; without an id, a title search. */
export function paperLinks(arxivId: string | null, title: string): PaperLinks {
  const id = canonicalArxivId(arxivId);
  if (id === null) {
    const words = title.replace(/\s+/gu, " ").trim();
    const query = words.length <= MAX_QUERY_CHARS ? words : words.slice(0, MAX_QUERY_CHARS).replace(/\s\S*$/u, "");
    // URLSearchParams encodes everything but letters, digits and `*-._`: no bracket or space survives.
    return { hfUrl: `https://huggingface.co/papers?${new URLSearchParams({ q: query }).toString()}`, arxivUrl: null, isSearch: true };
  }
  const path = id.split("/").map(encodeURIComponent).join("/");
  return { hfUrl: `https://huggingface.co/papers/${path}`, arxivUrl: `https://arxiv.org/abs/${path}`, isSearch: false };
}
