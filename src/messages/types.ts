/**
 * Platform-neutral messages. Core code produces these; each adapter renders them within its
 * platform's limits (embeds, Block Kit, plain text). Text taken from dumps is carried raw here and
 * made inert by the adapter that renders it.
 */
export interface PaperCard {
  paperId: number;
  title: string;
  tldr: string;
  upvotes: number;
  publishedOn: string | null;
  organization: string | null;
  authorCount: number | null;
  /** The paper's Hugging Face page when the arXiv id is known, else a search for its title there. */
  url: string | null;
  /** `url` is a title search, not the paper's own page (its link says so). */
  urlIsSearch?: boolean;
  arxivUrl: string | null;
  /** The code and the project page, when Hugging Face knows them. */
  githubUrl: string | null;
  projectUrl: string | null;
  keywords: string[];
  /** Subscription terms that matched, when the card is a subscription delivery. */
  matched: string[];
}

export interface Button {
  /** Stateless: everything needed to act on a click, e.g. `search:2:<query>`. */
  id: string;
  label: string;
  disabled?: boolean;
}

/** A reply to a slash command. */
export interface Reply {
  text: string;
  cards: PaperCard[];
  buttons: Button[];
  /** Seen only by the person who asked. */
  ephemeral: boolean;
  /** A short title above the cards (e.g. `Results 1–5 of 12 for "…"`). */
  heading?: string;
  /** A file to hand over (a BibTeX export): an attachment where the platform has them, the text elsewhere. */
  attachment?: { filename: string; content: string };
  /**
   * The request was refused (a query or schedule with a problem, no permission, nothing by that
   * name): still an answer to show, but `paperbot chat` exits 1 for it, as scripts expect.
   */
  refused?: boolean;
}

/** A digest posted to a destination: new papers (from a dump or matching a subscription). */
export interface DigestMessage {
  heading: string;
  /** ISO date the digest covers, for headers and thread names. */
  date: string;
  cards: PaperCard[];
  /** For subscription digests: the subscription queries that selected these papers. */
  footer: string | null;
}
