import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { workerEntry } from "../workers/entry.js";
import { parseBoundedQuery } from "./cost.js";
import { searchText, type PaperSearch, type SearchOptions, type SearchOutcome } from "./repository.js";

/** A search's outcome, or the news that it ran past the time budget and was stopped. */
export type SearchResult = SearchOutcome | { ok: false; timedOut: true; budgetMs: number };

/**
 * Runs searches for the command handlers. The bot's searcher runs them on worker threads, so a
 * heavy query never holds the event loop that serves health checks, interactions and signals;
 * the command line searches in place.
 */
export interface Searcher {
  search(text: string, options: SearchOptions): Promise<SearchResult>;
  close(): void;
}

/** @internal The message a search worker gets and the one it answers with. */
export interface SearchRequest {
  id: number;
  text: string;
  options: SearchOptions;
}
/** @internal */
export type SearchReply = { id: number; outcome: SearchOutcome } | { id: number; bug: string };

/** A search allowed to run longer than this is stopped and the person asked to narrow it. */
export const SEARCH_BUDGET_MS = 3_000;

/** Searches on the caller's thread: for the command line, where nothing else is waiting. */
export function inProcessSearcher(search: PaperSearch): Searcher {
  return {
    search: (text, options) => Promise.resolve(searchText(search, text, options)),
    close: () => {},
  };
}

interface Job extends SearchRequest {
  resolve(result: SearchResult): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  /** Searches handed to this worker and not yet answered, in the order it runs them. */
  jobs: Map<number, Job>;
}

/** Searches queued on one worker at a time: it runs them back to back without waiting for the main thread. */
const IN_FLIGHT = 8;

/**
 * A small pool of search workers, each with its own read-only connection (WAL readers do not wait
 * for the writer), started on the first search. Each worker is handed a few searches at once, so
 * it keeps searching while the main thread is busy between two ingest chunks. A search not
 * answered within `budgetMs` of being handed over is answered as timed out at once; its worker is
 * terminated (it ends when SQLite hands control back) and its other searches go to a fresh one.
 * The cost bounds keep every accepted query well under the budget.
 */
export class SearchPool implements Searcher {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private readonly size: number;
  private readonly budgetMs: number;

  constructor(
    private readonly dbPath: string,
    options: { size?: number; budgetMs?: number } = {},
  ) {
    this.size = options.size ?? Math.max(1, Math.min(2, availableParallelism()));
    this.budgetMs = options.budgetMs ?? SEARCH_BUDGET_MS;
  }

  search(text: string, options: SearchOptions): Promise<SearchResult> {
    if (this.closed) return Promise.reject(new Error("the search pool is closed"));
    // A query refused by the parser or the cost bounds needs no worker: answer it at once.
    const parsed = parseBoundedQuery(text);
    if (!parsed.ok) return Promise.resolve(parsed);
    return new Promise<SearchResult>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, text, options, resolve, reject });
      this.dispatch();
    });
  }

  close(): void {
    this.closed = true;
    const closed = new Error("the search pool is closed");
    for (const job of this.queue.splice(0)) job.reject(closed);
    for (const slot of [...this.slots]) {
      for (const job of slot.jobs.values()) job.reject(closed);
      this.retire(slot);
    }
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.reduce<Slot | undefined>((best, s) => (best === undefined || s.jobs.size < best.jobs.size ? s : best), undefined);
      if ((slot === undefined || slot.jobs.size > 0) && this.slots.length < this.size) slot = this.spawn();
      if (slot === undefined || slot.jobs.size >= IN_FLIGHT) return;
      const job = this.queue.shift();
      if (job === undefined) return;
      this.hand(slot, job);
    }
  }

  private hand(slot: Slot, job: Job): void {
    slot.jobs.set(job.id, job);
    job.timer = setTimeout(() => {
      slot.jobs.delete(job.id);
      job.resolve({ ok: false, timedOut: true, budgetMs: this.budgetMs });
      this.requeue(slot);
    }, this.budgetMs);
    const request: SearchRequest = { id: job.id, text: job.text, options: job.options };
    slot.worker.postMessage(request);
  }

  private spawn(): Slot {
    const worker = new Worker(workerEntry(import.meta.url, "../store/search-worker"), { workerData: { dbPath: this.dbPath } });
    worker.unref();
    const slot: Slot = { worker, jobs: new Map() };
    worker.on("message", (reply: SearchReply) => {
      const job = slot.jobs.get(reply.id);
      if (job === undefined) return;
      clearTimeout(job.timer);
      slot.jobs.delete(reply.id);
      if ("bug" in reply) job.reject(new Error(reply.bug));
      else job.resolve(reply.outcome);
      this.dispatch();
    });
    const fail = (error: Error): void => {
      if (!this.slots.includes(slot)) return;
      for (const job of slot.jobs.values()) {
        clearTimeout(job.timer);
        job.reject(error);
      }
      slot.jobs.clear();
      this.retire(slot);
      this.dispatch();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`search worker stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  /** Ends a worker stuck on a search; the searches queued behind it go back to the pool. */
  private requeue(slot: Slot): void {
    const waiting = [...slot.jobs.values()];
    for (const job of waiting) clearTimeout(job.timer);
    slot.jobs.clear();
    this.retire(slot);
    this.queue.unshift(...waiting);
    this.dispatch();
  }

  private retire(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    void slot.worker.terminate();
  }
}
