import { Worker } from "node:worker_threads";
import { workerEntry } from "../workers/entry.js";
import { recommenderFor, type Explained, type ForYouOutcome, type PaperTexts, type Preferences } from "./recommender.js";

/** A recommendation, or the news that it was not ready within the time budget (or too many were waiting). */
export type Recommended<T> = { ok: true; value: T } | { ok: false; reason: "timedOut" | "busy"; budgetMs: number };

/**
 * What `/papers similar` and `/papers foryou` ask of the recommender. In the bot it runs on a worker
 * thread that keeps every paper's term counts warm: comparing one paper with the whole history, or
 * training and ranking a person's model over it, takes seconds at a large history and must never
 * hold the event loop that serves health checks, interactions and signals. The command line runs
 * it in place.
 */
export interface Recommendations {
  similar(paperId: number, limit: number): Promise<Recommended<Explained[]>>;
  forYou(preferences: Preferences, since: string | null, limit: number, seed: number): Promise<Recommended<ForYouOutcome>>;
  close(): void;
}

/** @internal What the recommend worker is asked, and what it answers. */
export type RecommendRequest =
  | { id: number; kind: "similar"; paperId: number; limit: number }
  | { id: number; kind: "foryou"; preferences: Preferences; since: string | null; limit: number; seed: number };
/** @internal */
export type RecommendReply = { id: number; value: Explained[] | ForYouOutcome } | { id: number; bug: string };

/** A person waits at most this long for an answer; the work itself goes on and warms the worker. */
export const RECOMMEND_BUDGET_MS = 10_000;
/** Requests waiting for the worker, at most; more are answered "busy" at once. */
const MAX_WAITING = 32;

type Body = RecommendRequest extends infer R ? (R extends RecommendRequest ? Omit<R, "id"> : never) : never;

/** Runs a request on `recommender`: the one place both the worker and the in-process path answer from. */
export function answer(recommender: ReturnType<typeof recommenderFor>, request: Body): Explained[] | ForYouOutcome {
  return request.kind === "similar"
    ? recommender.similar(request.paperId, request.limit)
    : recommender.forYou(request.preferences, request.since, request.limit, request.seed);
}

/** Recommendations on the caller's thread: for the command line and in-memory stores. */
export function inProcessRecommendations(texts: PaperTexts): Recommendations {
  const run = <T>(body: Body): Promise<Recommended<T>> => Promise.resolve({ ok: true, value: answer(recommenderFor(texts), body) as T });
  return {
    similar: (paperId, limit) => run({ kind: "similar", paperId, limit }),
    forYou: (preferences, since, limit, seed) => run({ kind: "foryou", preferences, since, limit, seed }),
    close: () => {},
  };
}

interface Job {
  request: RecommendRequest;
  settle(result: Recommended<unknown>): void;
  fail(error: Error): void;
  timer: NodeJS.Timeout;
  done: boolean;
}

/**
 * One worker thread with its own read-only connection (WAL readers never wait for the writer) and
 * its own recommender, started on first use and kept warm. Requests run one at a time. A request
 * not answered within `budgetMs` of being asked is answered as timed out at once, but the worker
 * is not stopped: its work (reading the history once, after a start) is what makes the next
 * request fast, and every request's cost is bounded by the history's size.
 */
export class RecommendWorker implements Recommendations {
  private worker: Worker | undefined;
  private running: Job | undefined;
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private closed = false;
  private readonly budgetMs: number;

  constructor(
    private readonly dbPath: string,
    options: { budgetMs?: number } = {},
  ) {
    this.budgetMs = options.budgetMs ?? RECOMMEND_BUDGET_MS;
  }

  similar(paperId: number, limit: number): Promise<Recommended<Explained[]>> {
    return this.ask({ kind: "similar", paperId, limit });
  }

  forYou(preferences: Preferences, since: string | null, limit: number, seed: number): Promise<Recommended<ForYouOutcome>> {
    return this.ask({ kind: "foryou", preferences, since, limit, seed });
  }

  close(): void {
    this.closed = true;
    const closed = new Error("the recommend worker is closed");
    for (const job of [...this.waiting.splice(0), ...(this.running === undefined ? [] : [this.running])]) this.finish(job, () => job.fail(closed));
    this.running = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ask<T>(body: Body): Promise<Recommended<T>> {
    if (this.closed) return Promise.reject(new Error("the recommend worker is closed"));
    if (this.waiting.length >= MAX_WAITING) return Promise.resolve({ ok: false, reason: "busy", budgetMs: this.budgetMs });
    return new Promise<Recommended<T>>((resolve, reject) => {
      const job: Job = {
        request: { ...body, id: this.nextId++ } as RecommendRequest,
        settle: (result) => resolve(result as Recommended<T>),
        fail: reject,
        done: false,
        timer: setTimeout(() => {
          const queued = this.waiting.indexOf(job);
          if (queued >= 0) this.waiting.splice(queued, 1);
          this.finish(job, () => job.settle({ ok: false, reason: "timedOut", budgetMs: this.budgetMs }));
        }, this.budgetMs),
      };
      this.waiting.push(job);
      this.dispatch();
    });
  }

  /** Settles a job once: a late answer after its timeout is dropped. */
  private finish(job: Job, settle: () => void): void {
    if (job.done) return;
    job.done = true;
    clearTimeout(job.timer);
    settle();
  }

  private dispatch(): void {
    if (this.running !== undefined || this.closed) return;
    const job = this.waiting.shift();
    if (job === undefined) return;
    this.running = job;
    (this.worker ?? this.spawn()).postMessage(job.request);
  }

  private spawn(): Worker {
    const worker = new Worker(workerEntry(import.meta.url, "worker"), { workerData: { dbPath: this.dbPath } });
    worker.unref();
    worker.on("message", (reply: RecommendReply) => {
      const job = this.running;
      if (job === undefined || job.request.id !== reply.id) return;
      this.running = undefined;
      this.finish(job, () => ("bug" in reply ? job.fail(new Error(reply.bug)) : job.settle({ ok: true, value: reply.value })));
      this.dispatch();
    });
    const fail = (error: Error): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const job = this.running;
      this.running = undefined;
      if (job !== undefined) this.finish(job, () => job.fail(error));
      this.dispatch();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`recommend worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
