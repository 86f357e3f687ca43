/** What `status`, `/metrics` and `doctor` show of one source. */
export interface SourceState {
  source: string;
  /** The latest day fully fetched (ISO date). */
  lastDay: string | null;
  lastSuccessAt: string | null;
  /** The last failure as one line, kept until the next success. */
  lastError: string | null;
  lastErrorAt: string | null;
  /** Pages fetched and requests made, ever. */
  pages: number;
  requests: number;
}

/** One page of one day that has been fetched and ingested: its ETag, size and the query's total. */
export interface SourcePage {
  day: string;
  page: number;
  etag: string | null;
  items: number;
  total: number | null;
}
