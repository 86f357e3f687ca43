import type { ChannelSettings, Destination, DestinationIdentity, DestinationKind } from "../domain/destination.js";
import type { Delivery, DeliveryState, EnqueueRequest } from "../domain/delivery.js";
import type { DumpRecord } from "../domain/dump.js";
import type { CandidatePaper, NewPaper, Paper } from "../domain/paper.js";
import type { SourcePage, SourceState } from "../domain/source.js";
import type { Subscription } from "../domain/subscription.js";
import type { PaperSearch } from "../search/repository.js";
import type { PeopleRepository } from "./people-types.js";

export type { ForYouSubscription, Forgotten, PeopleRepository, Person, Verdict } from "./people-types.js";

/*
 * The store's interfaces: what the rest of the bot may ask of the paper history, by intent. The
 * SQLite implementation (`sqlite.ts`) is one; `test/store/contract.ts` is the suite any other
 * (PostgreSQL, for several bot processes sharing one history) must pass unchanged. Every method is
 * synchronous: a unit of work is `store.transaction(fn)` and never spans an `await`.
 */

/** Papers, their lookup keys and sightings. Reads see the caller's transaction. */
export interface PaperRepository {
  get(id: number): Paper | undefined;
  findByArxivId(arxivId: string): Paper | undefined;
  /** Papers registered under a lookup key (a title key or a near-duplicate blocking key), oldest first, at most 20. */
  findByLookupKey(key: string): Paper[];
  /** As findByLookupKey, with only what near-duplicate detection reads first of each (ingest's hot path). */
  candidatesByKey(key: string): CandidatePaper[];
  /** A paper's abstract alone ("" when there is no such paper). */
  abstractOf(id: number): string;
  /** Returns the new paper's id; ids only grow. */
  insert(paper: NewPaper): number;
  update(paper: Paper): void;
  /** Idempotent per (key, paper): registering a key twice changes nothing; several papers may share a key. */
  addLookupKeys(paperId: number, keys: readonly string[]): void;
  /** Idempotent per (paper, dump): a repeat keeps the larger upvote count. */
  recordSighting(paperId: number, dumpId: number, upvotes: number, seenOn: string | null, seenAt: string): void;
  count(): number;
  /** The most recently found papers: newest first-seen, then newest published, then highest id. */
  latest(limit: number): Paper[];
  /** The first paper (lowest id) with exactly this title, ignoring case. */
  findByTitle(title: string): Paper | undefined;
  /** Papers whose upvotes rose across their sightings since `since` (ISO time): biggest gain, then upvotes, then id. */
  rising(since: string, limit: number): { paper: Paper; gain: number }[];
  /** The most upvoted papers seen since `since` (ISO time): upvotes, then newest published, then id. */
  mostUpvotedSeenSince(since: string, limit: number): Paper[];
  /** Of `ids`, the `n` most upvoted (then newest published, then lowest id), in that order. */
  topByUpvotes(ids: readonly number[], n: number): number[];
  /** Of all papers, the `n` most upvoted (then newest published, then lowest id), in that order. */
  mostUpvoted(n: number): number[];
  /** Titles and abstracts of papers with an id above `afterId`, ascending, at most `limit`: for reading the history in chunks. */
  textsAfter(afterId: number, limit: number): { id: number; title: string; abstract: string; firstSeenAt: string }[];
}

/**
 * The first-run rule's memory: the papers a store holds before its first announcement are a
 * backlog (only the most upvoted few are announced), whichever command put them there. A store
 * that already held papers when this was introduced counts as announced.
 */
export interface FirstRunState {
  /** True until the backlog has been announced once. */
  pending(): boolean;
  /** Records that the backlog was announced; from now on new papers are news. Idempotent. */
  markDone(at: Date): void;
}

/** Dump files known by content hash: ingested once, rejected ones retried when their bytes come back. */
export interface DumpRepository {
  findByHash(hash: string): DumpRecord | undefined;
  /** Records an ingested dump and returns its id; a second ingested record of one hash is refused (throws). */
  begin(row: { contentHash: string; path: string; format: string; dumpDate: string | null; papers: number; warnings: string; at: string }): number;
  finish(id: number, newPapers: number, knownPapers: number): void;
  /** Removes a rejected record so a re-read of the same bytes can be ingested; no-op otherwise. */
  forgetRejected(hash: string): void;
  /** Records (or refreshes) a rejection; never overwrites an ingested record of the same hash. */
  reject(row: { contentHash: string; path: string; error: string; at: string }): void;
  /** Records a committed chunk: papers before `resumeAt` are stored, with these new and known counts added. */
  advance(id: number, resumeAt: number, newPapers: number, knownPapers: number): void;
  /**
   * The first fill of an empty store (only the best of its papers are announced) spans many chunk
   * transactions; this mark, written with the first chunk and removed with the announcements, lets
   * a restart finish it instead of announcing the backlog.
   */
  firstRunPending(): boolean;
  beginFirstRun(at: string): void;
  endFirstRun(): void;
  /** The papers the first fill announces: the best `limit` of the store by upvotes, then recency. */
  firstRunTop(limit: number): number[];
}

/** Destinations, unique by (platform, kind, address). */
export interface DestinationRepository {
  /** Idempotent: finds or creates; a new one starts with `defaultSchedule`, an existing one is unchanged. */
  ensure(identity: DestinationIdentity, defaultSchedule: string, at: Date): Destination;
  find(platform: string, kind: DestinationKind, address: string): Destination | undefined;
  get(id: number): Destination | undefined;
  configure(id: number, settings: ChannelSettings, at: Date): void;
  disable(id: number, reason: string, at: Date): void;
  enable(id: number, at: Date): void;
  setNotice(id: number, notice: string | null): void;
  /** Active channels with digests on, by id. */
  digestDestinations(): Destination[];
  /** Every destination, by id. */
  all(): Destination[];
  /** Marks a destination as owned by the config file (or no longer). */
  setDeclared(id: number, declared: boolean): void;
}

/** Standing queries of people and channels. */
export interface SubscriptionRepository {
  /** Returns the new subscription's id; it starts active. */
  add(sub: Omit<Subscription, "id" | "status" | "statusReason" | "createdAt">, at: Date): number;
  /** A person's subscriptions, oldest first. */
  ofOwner(platform: string, ownerId: string): Subscription[];
  get(id: number): Subscription | undefined;
  remove(id: number): void;
  allActive(): Subscription[];
  /** Pauses the destination's active subscriptions; returns how many changed. */
  pauseForDestination(destinationId: number, reason: string): number;
  /** Resumes the person's paused subscriptions; returns how many changed. */
  resumeForOwner(platform: string, ownerId: string): number;
  /**
   * A cache key for the matcher built from the active subscriptions: it changes when one is added,
   * removed, paused or resumed; equal versions mean the same active subscriptions.
   */
  version(): string;
  count(): number;
}

/** One outbox row as an operator lists it: addresses of webhooks are hidden. */
export interface DeliveryListing {
  id: number;
  state: DeliveryState;
  attempts: number;
  dueAt: string;
  nextAttemptAt: string | null;
  lastError: string | null;
  title: string;
  platform: string;
  kind: DestinationKind;
  address: string;
}

/** The outbox: at most one row per (paper, destination). */
export interface DeliveryRepository {
  /**
   * Idempotent per (paper, destination): a new row, or the subscriptions and matched terms merged
   * into a still-pending one (earliest due wins); rows already sending, sent or settled are left alone.
   */
  enqueue(req: EnqueueRequest, at: Date): void;
  /**
   * Rows due by `now` for active destinations on the given platforms, ordered by destination, due
   * time, id; failed rows count once their retry time has come.
   */
  due(now: Date, limit: number, platforms: readonly string[]): Delivery[];
  /** Sets a row's state; `batchKey` is kept once set (a retried batch keeps its idempotency key). */
  mark(
    id: number,
    state: DeliveryState,
    at: Date,
    details?: { attempted?: boolean; nextAttemptAt?: Date | null; error?: string | null; messageRef?: string; batchKey?: string },
  ): void;
  /** The sent row of a paper to a destination, if any. */
  sentTo(paperId: number, destinationId: number): Delivery | undefined;
  /** A channel's digest was turned off: its unsent digest rows are skipped; returns how many. */
  skipPendingDigests(destinationId: number): number;
  /** Rows left `sending` by a crash go back to pending, marked interrupted; returns how many. */
  releaseInFlight(): number;
  countByState(): Record<DeliveryState, number>;
  /** Rows by state and destination platform (the metrics' outbox gauge). */
  countByStateAndPlatform(): { state: DeliveryState; platform: string; count: number }[];
  /**
   * Pending and failed rows for destinations on platforms other than `platforms` (those that will
   * not run) become `skipped` with `reason`; returns how many.
   */
  skipQueuedExcept(platforms: readonly string[], reason: string): number;
  /** Pending or failed rows that will not be sent as things stand: their platform does not run or their destination is disabled. */
  countHeld(platforms: readonly string[]): { pending: number; failed: number };
  /** Newest first, optionally of one state. */
  list(filter: { state?: DeliveryState; limit: number }): DeliveryListing[];
  /**
   * Failed or dead rows back to pending, due `at`, attempts reset: one row by id, or every dead
   * one (`{ deadOnly: true }`). Returns how many were revived.
   */
  revive(target: { id: number } | { deadOnly: true }, at: Date): number;
}

/**
 * What the fetchers remember between runs, so a fetch resumes where the last one stopped: which
 * days are complete, each fetched page with its ETag and counts, and per source the last success
 * and the last error (shown by `status` and `/metrics`).
 */
export interface SourceRepository {
  /** The source's state; a source never fetched has one with nulls and zeros. */
  state(source: string): SourceState;
  /** Every source that has fetched, by name. */
  all(): SourceState[];
  /** The pages of `day` (a day, or `first..last` for a window) already fetched and ingested, in page order. */
  pagesOf(source: string, day: string): SourcePage[];
  /** Idempotent per (source, day, page): the latest record wins. */
  recordPage(source: string, page: SourcePage & { contentHash: string | null }, at: Date): void;
  isDayComplete(source: string, day: string): boolean;
  /** Marks a day complete and the source successful; `lastDay` only moves forward. */
  completeDay(source: string, day: string, totals: { pages: number; papers: number }, at: Date): void;
  /** A fetch that ended without error: clears the last error. */
  recordSuccess(source: string, at: Date): void;
  recordFailure(source: string, error: string, at: Date): void;
  addRequests(source: string, requests: number): void;
}

/** Counts for `paperbot status` and the health endpoint. */
export interface StoreStatus {
  papers: number;
  dumps: number;
  rejectedDumps: number;
  sightings: number;
  subscriptions: number;
  destinations: {
    id: number;
    platform: string;
    kind: DestinationKind;
    address: string;
    status: "active" | "disabled";
    reason: string | null;
    schedule: string;
    digest: boolean;
  }[];
  deliveries: Record<DeliveryState, number>;
  sources: SourceState[];
}

/** One open store: its repositories, closed together. It hands out no connection. */
export interface Store {
  readonly papers: PaperRepository;
  readonly dumps: DumpRepository;
  readonly destinations: DestinationRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly deliveries: DeliveryRepository;
  readonly people: PeopleRepository;
  readonly sources: SourceRepository;
  readonly search: PaperSearch;
  readonly firstRun: FirstRunState;
  /** Where the data lives, for error messages (a file path). */
  readonly location: string;
  /**
   * Runs `fn` atomically: all of its writes or none (an exception rolls back and is rethrown), and
   * no other writer interleaves. Nested calls join the outer unit (a failing inner one rolls back
   * only its own part). `fn` must be synchronous: a unit of work never spans an `await`.
   */
  transaction<T>(fn: () => T): T;
  /**
   * Begins a backfill (many dumps, many papers): settings for a long run of writes until `finish`,
   * told how many papers it added, puts the usual ones back and leaves the search index compact.
   */
  beginBulkLoad(): { finish(papersAdded: number): void };
  /**
   * Why the store's file is no longer the one it opened (deleted, or another file put at its
   * path), or null while it is. Writing on would go to a file nobody reads; the bot stops instead.
   */
  fileChange(): string | null;
  status(): StoreStatus;
  close(): void;
}
