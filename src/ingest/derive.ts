/**
 * What ingest works out of a paper's own text before it touches the store: identity and blocking
 * keys, the title parts near-duplicate checks compare, the TL;DR and the keywords. None of it needs
 * the history, so a large dump derives its papers on the parse worker while the main thread writes
 * the previous ones, and only plain data crosses between the two.
 */
import type { PaperDraft } from "../digests/index.js";
import {
  canonicalArxivId,
  extractKeywords,
  NearDuplicateProbe,
  prepareText,
  summarize,
  titleKey as titleKeyOf,
} from "../papers/index.js";

/**
 * Which TL;DR a card shows: the extractive one (first sentences of the abstract), or Hugging Face's
 * `ai_summary` when the paper has one (the extractive one stays the fallback).
 */
export type TldrChoice = "extractive" | "ai-summary";

/** A draft and everything derived from its text; structured-cloneable. */
export interface DerivedDraft {
  draft: PaperDraft;
  /** `arxiv:<id>` when the draft has an arXiv id, else its title key. */
  key: string;
  /** Never empty: a title of only symbols is keyed by its written form and abstract. */
  titleKey: string;
  /** The title key and the near-duplicate blocking keys. */
  lookupKeys: string[];
  /** The title parts the near-duplicate title test reads. */
  title: { normalized: string; words: string[]; main: string; numbers: string };
  tldr: string;
  keywords: string[];
}

/** A draft's identity on the writing side: its keys and a probe for near-duplicate candidates. */
export interface DraftIdentity {
  key: string;
  titleKey: string;
  lookupKeys: string[];
  probe: NearDuplicateProbe;
}

export function tldrOf(abstract: string, title: string, aiSummary: string | null, choice: TldrChoice): string {
  return choice === "ai-summary" && aiSummary !== null ? aiSummary : summarize(abstract, title);
}

/** Everything ingest needs of one draft's text, in one pass. */
export function derive(draft: PaperDraft, choice: TldrChoice): DerivedDraft {
  const prepared = prepareText(draft);
  const titleKey = titleKeyOf(draft.title, draft.abstract);
  const arxivId = canonicalArxivId(draft.arxivId);
  const { normalized, words, main, numbers } = prepared.title;
  return {
    draft,
    key: arxivId === null ? titleKey : `arxiv:${arxivId}`,
    titleKey,
    lookupKeys: [titleKey, ...prepared.keys],
    title: { normalized, words: [...words], main, numbers },
    tldr: tldrOf(draft.abstract, draft.title, draft.aiSummary, choice),
    keywords: extractKeywords(draft.title, draft.abstract),
  };
}

/** The identity of a derived draft; the probe works out the abstract's tokens only if it needs them. */
export function identityOf(derived: DerivedDraft): DraftIdentity {
  const { normalized, words, main, numbers } = derived.title;
  return {
    key: derived.key,
    titleKey: derived.titleKey,
    lookupKeys: derived.lookupKeys,
    probe: new NearDuplicateProbe({ normalized, words: new Set(words), main, numbers }, derived.draft.abstract),
  };
}
