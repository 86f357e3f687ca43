/** What the store remembers of a dump file, known by its content hash. */
export interface DumpRecord {
  id: number;
  contentHash: string;
  path: string;
  format: string | null;
  dumpDate: string | null;
  status: "ingested" | "rejected";
  papers: number;
  newPapers: number;
  knownPapers: number;
  error: string | null;
  ingestedAt: string;
  /**
   * Null once every paper of the dump is stored. A dump is committed in chunks; while it is not
   * complete this is the index of the next paper to read, so an interrupted ingest resumes there.
   */
  resumeAt: number | null;
}
