import type { PaperDraft } from "../digests/index.js";
import { blockingKeys, extractKeywords, isNearDuplicate, paperKey, summarize, titleKey } from "../papers/index.js";
import type { Paper } from "../domain/paper.js";
import type { PaperRepository } from "../store/index.js";

/** The lookup keys a paper is findable by: its title key and its near-duplicate blocking keys. */
export function lookupKeys(title: string, abstract: string): string[] {
  return [titleKey(title), ...blockingKeys({ title, abstract })];
}

/**
 * Finds the stored paper a draft describes: by arXiv id, else by normalised title, else by a
 * near-duplicate among the candidates sharing a blocking key. Never scans the whole history.
 */
export function findExisting(papers: PaperRepository, draft: PaperDraft): Paper | undefined {
  if (draft.arxivId !== null) {
    const byArxiv = papers.findByArxivId(draft.arxivId);
    if (byArxiv !== undefined) return byArxiv;
  }
  const compatible = (p: Paper): boolean => draft.arxivId === null || p.arxivId === null;
  const exact = papers.findByLookupKey(titleKey(draft.title)).find(compatible);
  if (exact !== undefined) return exact;
  const seen = new Set<number>();
  for (const key of blockingKeys({ title: draft.title, abstract: draft.abstract })) {
    for (const candidate of papers.findByLookupKey(key)) {
      if (seen.has(candidate.id) || !compatible(candidate)) continue;
      seen.add(candidate.id);
      if (isNearDuplicate(candidate, draft)) return candidate;
    }
  }
  return undefined;
}

/** A new paper row for a draft seen for the first time. */
export function newPaperFrom(draft: PaperDraft, dumpId: number, seenAt: string) {
  return {
    key: paperKey(draft),
    arxivId: draft.arxivId,
    title: draft.title,
    abstract: draft.abstract,
    authors: draft.authors,
    authorCount: draft.authorCount ?? (draft.authors.length > 0 ? draft.authors.length : null),
    organization: draft.organization,
    organizationHandle: draft.organizationHandle,
    publishedOn: draft.publishedOn,
    upvotes: draft.upvotes,
    tldr: summarize(draft.abstract),
    keywords: extractKeywords(draft.title, draft.abstract),
    aiSummary: draft.aiSummary,
    aiKeywords: draft.aiKeywords,
    githubRepo: draft.githubRepo,
    projectPage: draft.projectPage,
    firstDumpId: dumpId,
    seenAt,
  };
}

/**
 * Folds a new sighting into a known paper: it gains an arXiv id and fields it lacked, keeps the
 * fuller abstract and the highest upvote count. The first-seen title stays the display title.
 */
export function mergeInto(existing: Paper, draft: PaperDraft, seenAt: string): Paper {
  const abstract = draft.abstract.length > existing.abstract.length ? draft.abstract : existing.abstract;
  const arxivId = existing.arxivId ?? draft.arxivId;
  return {
    ...existing,
    arxivId,
    key: arxivId === null ? existing.key : paperKey({ arxivId, title: existing.title }),
    abstract,
    tldr: abstract === existing.abstract ? existing.tldr : summarize(abstract),
    authors: existing.authors.length > 0 ? existing.authors : draft.authors,
    authorCount: existing.authorCount ?? draft.authorCount ?? (draft.authors.length || null),
    organization: existing.organization ?? draft.organization,
    organizationHandle: existing.organizationHandle ?? draft.organizationHandle,
    publishedOn: existing.publishedOn ?? draft.publishedOn,
    upvotes: Math.max(existing.upvotes, draft.upvotes),
    aiSummary: existing.aiSummary ?? draft.aiSummary,
    aiKeywords: existing.aiKeywords.length > 0 ? existing.aiKeywords : draft.aiKeywords,
    githubRepo: existing.githubRepo ?? draft.githubRepo,
    projectPage: existing.projectPage ?? draft.projectPage,
    lastSeenAt: seenAt > existing.lastSeenAt ? seenAt : existing.lastSeenAt,
  };
}
