import type { TldrChoice } from "../ingest/merge.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/index.js";

/** One page of a fetch, as progress bars and `fetch --json` report it. */
export interface PageReport {
  source: string;
  day: string;
  page: number;
  /** fetched (new content ingested), unchanged (304 or same bytes), empty (nothing that day), skipped (done before). */
  status: "fetched" | "unchanged" | "empty" | "skipped";
  papers: number;
  newPapers: number;
  /** How many results the day has in all, when the source says (arXiv's totalResults). */
  total: number | null;
}

/** What the fetchers need from the rest of the bot; the composition root builds it. */
export interface SourceDeps {
  store: Store;
  archiveDir: string;
  log: Logger;
  /**
   * Writes outbox rows for papers a fetch found new, inside the ingest transaction; `appearedOn` is
   * the day they belong to (the flood rule compares it with when each destination began receiving).
   */
  plan: (paperIds: readonly number[], now: Date, appearedOn: string | null) => void;
  tldr: TldrChoice;
  /** On a store with no papers yet, only this many of a fetch's new papers are announced. */
  firstRunLimit: number;
  signal?: AbortSignal;
  onPage?: (report: PageReport) => void;
  /** Told how many days a source's fetch will ask for, before the first request (for progress bars). */
  onPlan?: (source: string, days: number) => void;
}

/** Fetches one day of one source; `refresh` asks again for pages already fetched (with their ETags). */
export interface DayFetcher {
  fetchDay(day: string, refresh: boolean, now: Date): Promise<{ pages: number; papers: number }>;
  /** Several consecutive days in one paged query, when the source can filter by a date range. */
  fetchWindow?(first: string, last: string, refresh: boolean, now: Date): Promise<{ pages: number; papers: number }>;
  readonly requests: number;
}

/** Politeness and robustness for one source's requests. */
export interface SourceHttpSettings {
  minIntervalMs: number;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
}

/** A source as the fetchers see it: named, scheduled, with its base URL and politeness resolved. */
export type SourceConfig =
  | ({ type: "huggingface"; name: string; schedule: string; apiUrl: string; pageSize: number } & SourceHttpSettings)
  | ({
      type: "arxiv";
      name: string;
      schedule: string;
      apiUrl: string;
      categories: string[];
      pageSize: number;
      /** A backfill asks for this many days in one paged query. */
      backfillWindowDays: number;
    } & SourceHttpSettings)
  | { type: "inbox"; name: string; schedule: string };
