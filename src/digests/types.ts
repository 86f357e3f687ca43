import type { PaperbotError } from "../errors.js";

/** The dump formats the readers recognise, detected from content. */
export type DumpFormat = "hf-daily-text" | "hf-daily-json" | "hf-paper-json" | "arxiv-atom";

/**
 * One paper as a dump states it, before identity and merging. Fields a format does not carry are
 * null (or empty lists); `upvotes` is 0 when absent.
 */
export interface PaperDraft {
  title: string;
  abstract: string;
  authorCount: number | null;
  /** Author names, when the format names them (JSON); empty for the text capture. */
  authors: string[];
  /** Organisation display name (`OpenBMB`), apart from its handle (`openbmb`). */
  organization: string | null;
  organizationHandle: string | null;
  /** ISO date `YYYY-MM-DD`. */
  publishedOn: string | null;
  upvotes: number;
  arxivId: string | null;
  aiSummary: string | null;
  aiKeywords: string[];
  githubRepo: string | null;
  projectPage: string | null;
  /** Fields only the arXiv Atom feed carries; absent for the other formats. */
  arxiv?: ArxivDetails;
  /** 1-based line (text) or array index + 1 (JSON) where the paper starts, for warnings. */
  line: number;
}

export interface DumpWarning {
  line: number;
  message: string;
}

export interface ParsedDump {
  format: DumpFormat;
  /** ISO date of the page the dump captured; null when the dump does not say. */
  dumpDate: string | null;
  papers: PaperDraft[];
  warnings: DumpWarning[];
}

/** Where a dump came from: its name for messages, and the time that anchors year inference. */
export interface DumpSource {
  name: string;
  /** The file's modification time, or the ingest clock's now. */
  referenceTime: Date;
}

/** What an arXiv Atom entry says beyond the common fields. */
export interface ArxivDetails {
  /** The version the entry describes (`2401.01234v2` → 2). */
  version: number;
  primaryCategory: string | null;
  /** Every category, the primary one first; a cross-listed paper has several. */
  categories: string[];
  comment: string | null;
  /** ISO timestamps: the first version's submission and this version's. */
  publishedAt: string | null;
  updatedAt: string | null;
}

/** What a streamed dump says once read to the end, besides its papers. */
export interface DumpStreamEnd {
  format: DumpFormat;
  /** ISO date of the page the dump captured; null when the dump does not say. */
  dumpDate: string | null;
  /** Sorted as the whole-file reader sorts them (by line for a text capture, in entry order otherwise). */
  warnings: DumpWarning[];
  /** How many papers were yielded. */
  papers: number;
}

/**
 * One format's reader, fed the decoded text piece by piece. A problem in the content becomes its
 * `failure` and ends the reading, but is thrown only after the decoder has seen every byte, since
 * a decoding problem further on would have been reported first by a reader of the whole file.
 */
export interface FormatReader {
  readonly failure: PaperbotError | null;
  /** Reads the next piece of text; papers completed by it go to `out`, in order. */
  push(text: string, out: PaperDraft[]): void;
  /** Reads what is left; throws what only the end can tell (no papers, not a dump at all). */
  end(out: PaperDraft[]): Omit<DumpStreamEnd, "papers">;
}
