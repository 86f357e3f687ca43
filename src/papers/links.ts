/**
 * Where a reader goes from a card. Both links derive from the arXiv id alone, so the store need not
 * keep URLs; a paper without an id (most text captures) simply has no links.
 */
import { canonicalArxivId } from "./identity.js";

export interface PaperLinks {
  /** The paper's Hugging Face page (discussion, upvotes, linked models). */
  hfUrl: string | null;
  /** The arXiv abstract page, always the latest version. */
  arxivUrl: string | null;
}

/** `https://huggingface.co/papers/<id>` and `https://arxiv.org/abs/<id>`, or nulls without an id. */
export function paperLinks(arxivId: string | null): PaperLinks {
  const id = canonicalArxivId(arxivId);
  if (id === null) return { hfUrl: null, arxivUrl: null };
  const path = id.split("/").map(encodeURIComponent).join("/");
  return { hfUrl: `https://huggingface.co/papers/${path}`, arxivUrl: `https://arxiv.org/abs/${path}` };
}
