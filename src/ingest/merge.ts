import type { PaperDraft } from "../digests/index.js";
import { abstractsConflict, distinctTitleKey, paperKey } from "../papers/index.js";
import { tldrOf, type DerivedDraft, type DraftIdentity, type TldrChoice } from "./derive.js";
import type { CandidatePaper, Paper } from "../domain/paper.js";
import type { PaperRepository } from "../store/index.js";

/**
 * Finds the stored paper a draft describes: by arXiv id, else by normalised title (unless the
 * abstracts show two papers under one title), else by a
 * near-duplicate among the candidates sharing a blocking key. Never scans the whole history:
 * each key yields a bounded number of candidates, read without their other columns.
 */
export function findExisting(papers: PaperRepository, draft: PaperDraft, identity: DraftIdentity): Paper | undefined {
  if (draft.arxivId !== null) {
    const byArxiv = papers.findByArxivId(draft.arxivId);
    if (byArxiv !== undefined) return byArxiv;
  }
  const compatible = (p: CandidatePaper): boolean => draft.arxivId === null || p.arxivId === null;
  const seen = new Set<number>();
  const [titleKey, ...blocking] = identity.lookupKeys;
  const exact = papers
    .candidatesByKey(titleKey ?? identity.titleKey)
    .find((c) => compatible(c) && !abstractsConflict({ title: c.title, abstract: papers.abstractOf(c.id) }, draft));
  if (exact !== undefined) return papers.get(exact.id);
  for (const key of blocking) {
    for (const candidate of papers.candidatesByKey(key)) {
      if (seen.has(candidate.id) || !compatible(candidate)) continue;
      seen.add(candidate.id);
      if (identity.probe.matchesTitled(candidate.title, () => papers.abstractOf(candidate.id))) return papers.get(candidate.id);
    }
  }
  return undefined;
}

/**
 * The key for a draft that {@link findExisting} found nothing for: its own, or, when an unrelated
 * paper already holds that title, a key qualified by the draft's abstract.
 */
export function uniquePaperKey(papers: PaperRepository, draft: PaperDraft, identity: DraftIdentity): string {
  if (identity.key.startsWith("arxiv:")) return identity.key;
  return papers.candidatesByKey(identity.titleKey).length > 0 ? distinctTitleKey(draft.title, draft.abstract) : identity.key;
}

export type { TldrChoice };

/** A new paper row for a draft seen for the first time. */
export function newPaperFrom(derived: DerivedDraft, dumpId: number, seenAt: string, key: string) {
  const { draft } = derived;
  return {
    key,
    arxivId: draft.arxivId,
    title: draft.title,
    abstract: draft.abstract,
    authors: draft.authors,
    authorCount: draft.authorCount ?? (draft.authors.length > 0 ? draft.authors.length : null),
    organization: draft.organization,
    organizationHandle: draft.organizationHandle,
    publishedOn: draft.publishedOn,
    upvotes: draft.upvotes,
    tldr: derived.tldr,
    keywords: derived.keywords,
    aiSummary: draft.aiSummary,
    aiKeywords: draft.aiKeywords,
    githubRepo: draft.githubRepo,
    projectPage: draft.projectPage,
    arxivVersion: draft.arxiv?.version ?? null,
    primaryCategory: draft.arxiv?.primaryCategory ?? null,
    categories: draft.arxiv?.categories ?? [],
    arxivComment: draft.arxiv?.comment ?? null,
    firstDumpId: dumpId,
    seenAt,
  };
}

/**
 * Folds a new sighting into a known paper: it gains an arXiv id and fields it lacked, keeps the
 * fuller abstract and the highest upvote count. The first-seen title stays the display title,
 * except that a newer arXiv version (v2 after v1) replaces title and abstract: the paper is updated
 * in place, never announced again.
 */
export function mergeInto(existing: Paper, draft: PaperDraft, seenAt: string, choice: TldrChoice = "extractive"): Paper {
  const revised = draft.arxiv !== undefined && existing.arxivVersion !== null && draft.arxiv.version > existing.arxivVersion;
  const fuller = draft.abstract.length > existing.abstract.length ? draft.abstract : existing.abstract;
  const abstract = revised ? draft.abstract : fuller;
  const title = revised ? draft.title : existing.title;
  const arxivId = existing.arxivId ?? draft.arxivId;
  const aiSummary = existing.aiSummary ?? draft.aiSummary;
  const tldr = tldrOf(abstract, title, aiSummary, choice);
  return {
    ...existing,
    arxivId,
    key: arxivId === null ? existing.key : paperKey({ arxivId, title }),
    title,
    abstract,
    tldr: abstract === existing.abstract && aiSummary === existing.aiSummary ? existing.tldr : tldr,
    authors: existing.authors.length > 0 ? existing.authors : draft.authors,
    authorCount: existing.authorCount ?? draft.authorCount ?? (draft.authors.length || null),
    organization: existing.organization ?? draft.organization,
    organizationHandle: existing.organizationHandle ?? draft.organizationHandle,
    publishedOn: existing.publishedOn ?? draft.publishedOn,
    upvotes: Math.max(existing.upvotes, draft.upvotes),
    aiSummary,
    aiKeywords: existing.aiKeywords.length > 0 ? existing.aiKeywords : draft.aiKeywords,
    githubRepo: existing.githubRepo ?? draft.githubRepo,
    projectPage: existing.projectPage ?? draft.projectPage,
    arxivVersion: Math.max(existing.arxivVersion ?? 0, draft.arxiv?.version ?? 0) || null,
    primaryCategory: draft.arxiv?.primaryCategory ?? existing.primaryCategory,
    categories: draft.arxiv?.categories ?? existing.categories,
    arxivComment: draft.arxiv === undefined ? existing.arxivComment : draft.arxiv.comment,
    lastSeenAt: seenAt > existing.lastSeenAt ? seenAt : existing.lastSeenAt,
  };
}
