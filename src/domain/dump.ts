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
}
