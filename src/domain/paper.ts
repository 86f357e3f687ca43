/** A stored paper as the rest of the code sees it. */
export interface Paper {
  id: number;
  key: string;
  arxivId: string | null;
  title: string;
  abstract: string;
  authors: string[];
  authorCount: number | null;
  organization: string | null;
  organizationHandle: string | null;
  publishedOn: string | null;
  upvotes: number;
  tldr: string;
  keywords: string[];
  aiSummary: string | null;
  aiKeywords: string[];
  githubRepo: string | null;
  projectPage: string | null;
  /** The arXiv version last read (an Atom feed says it; other sources do not). */
  arxivVersion: number | null;
  primaryCategory: string | null;
  categories: string[];
  arxivComment: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
}

export type NewPaper = Omit<Paper, "id" | "firstSeenAt" | "lastSeenAt"> & { firstDumpId: number; seenAt: string };

/** What near-duplicate detection reads first of a stored paper: a candidate, before it is one. */
export interface CandidatePaper {
  id: number;
  arxivId: string | null;
  title: string;
}
