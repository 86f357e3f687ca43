import { createHash } from "node:crypto";
import type { Logger } from "../log.js";
import { toCard, type DigestMessage } from "../messages/index.js";
import { INTERRUPTED, type Delivery } from "../domain/delivery.js";
import { publicAddress, type Destination } from "../domain/destination.js";
import type { Store } from "../store/index.js";
import type { Publisher, PublishResult } from "./publisher.js";

/** Retry policy of the outbox: capped exponential backoff with jitter, then dead. */
export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseMs: 30_000, capMs: 60 * 60_000, random: Math.random };

export interface WorkerDeps {
  store: Store;
  publishers: ReadonlyMap<string, Publisher>;
  log: Logger;
  maxPapersPerDigest: number;
  retry?: RetryPolicy;
  /** Told of each publish: its platform, outcome and how long the platform took (metrics). */
  onSend?: (platform: string, outcome: "sent" | "failed" | "dead", seconds: number) => void;
}

/**
 * After shutdown is asked for, a publish already on its way gets this long to finish (and its rows
 * to be settled); after that its rows go back to pending, marked interrupted, and the pass ends.
 */
export const DRAIN_MS = 3_000;

/** The outcome of a publish that was abandoned at shutdown. */
const ABANDONED = Symbol("abandoned");

export interface DeliveryReport {
  sent: number;
  failed: number;
  dead: number;
  messages: number;
}

export function backoffMs(attempts: number, policy: RetryPolicy): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + (policy.random() * exp) / 2);
}

function headingFor(rows: Delivery[], count: number, date: string): string {
  const noun = count === 1 ? "paper" : "papers";
  if (rows.every((r) => r.reason === "subscription")) return `${count} new ${noun} matching your subscriptions`;
  return `Daily Papers · ${date} · ${count} new ${noun}`;
}

function idempotencyKey(destinationId: number, rows: readonly Delivery[]): string {
  const ids = rows.map((r) => r.id).sort((a, b) => a - b);
  const hash = createHash("sha256").update(`${destinationId}:${ids.join(",")}`);
  return hash.digest("hex").slice(0, 25);
}

/**
 * Sends every due outbox row: grouped per destination into digests, most upvoted first. Rows are
 * marked `sending` in a short transaction before the network call and settled after it, so a
 * crash leaves them recoverable (released to pending on the next start).
 */
export async function deliverDue(
  deps: WorkerDeps,
  now: Date,
  options: { dueBy?: Date; limit?: number; concurrency?: number; signal?: AbortSignal; drainMs?: number } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, dead: 0, messages: 0 };
  const due = deps.store.deliveries.due(options.dueBy ?? now, options.limit ?? 5_000, [...deps.publishers.keys()]);
  deps.log.debug(`delivery pass: ${due.length} rows due for ${[...deps.publishers.keys()].join(", ") || "no platform"}`);
  const byDestination = new Map<number, Delivery[]>();
  for (const row of due) {
    const list = byDestination.get(row.destinationId) ?? [];
    list.push(row);
    byDestination.set(row.destinationId, list);
  }
  const queue = [...byDestination.entries()];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (options.signal?.aborted === true) return;
      await deliverTo(deps, next[0], next[1], now, report, { signal: options.signal, drainMs: options.drainMs ?? DRAIN_MS });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  return report;
}

/**
 * Rows that were handed to the platform before (a crash, a timeout, a failure) keep the batch
 * they were sent in: each such batch goes first, whole, under its stored key, so platform nonces
 * and Slack's reconciliation recognise what may already be there. New rows are chunked after.
 */
function batchesOf<T extends { row: Delivery }>(papers: T[], size: number): T[][] {
  const byKey = new Map<string, T[]>();
  const rest: T[] = [];
  for (const item of papers) {
    const key = item.row.batchKey;
    if (key === null) rest.push(item);
    else byKey.set(key, [...(byKey.get(key) ?? []), item]);
  }
  const batches = [...byKey.values()];
  for (let i = 0; i < rest.length; i += size) batches.push(rest.slice(i, i + size));
  return batches;
}

/** One destination's due rows, most upvoted first, in digests of at most maxPapersPerDigest. */
async function deliverTo(
  deps: WorkerDeps,
  destinationId: number,
  rows: Delivery[],
  now: Date,
  report: DeliveryReport,
  stop: { signal: AbortSignal | undefined; drainMs: number },
): Promise<void> {
  const { store } = deps;
  const { signal } = stop;
  const destination = store.destinations.get(destinationId);
  if (destination === undefined || destination.status !== "active") return;
  const publisher = deps.publishers.get(destination.platform);
  if (publisher === undefined) return;
  const papers = rows
    .map((row) => ({ row, paper: store.papers.get(row.paperId) }))
    .filter((x): x is { row: Delivery; paper: NonNullable<typeof x.paper> } => x.paper !== undefined)
    .sort((a, b) => b.paper.upvotes - a.paper.upvotes || a.row.id - b.row.id);
  for (const batch of batchesOf(papers, deps.maxPapersPerDigest)) {
    if (signal?.aborted === true) return;
    const batchRows = batch.map((x) => x.row);
    const date = now.toISOString().slice(0, 10);
    const message: DigestMessage = {
      heading: headingFor(batchRows, batch.length, date),
      date,
      cards: batch.map((x) => toCard(x.paper, x.row.matched)),
      footer: null,
    };
    const key = batchRows[0]?.batchKey ?? idempotencyKey(destinationId, batchRows);
    store.transaction(() => {
      for (const row of batchRows) store.deliveries.mark(row.id, "sending", now, { batchKey: key });
    });
    const resumed = batchRows.some((row) => row.lastError === INTERRUPTED || row.batchKey !== null);
    const started = performance.now();
    const attempt = publishSafely(() => publisher.publish(destination, message, key, { resumed }));
    const result = await untilDrained(attempt, signal, stop.drainMs);
    if (result === ABANDONED) {
      release(deps, destination, batchRows, now);
      return;
    }
    deps.onSend?.(destination.platform, result.ok ? "sent" : result.permanent ? "dead" : "failed", (performance.now() - started) / 1000);
    settle(deps, destination, batchRows, result, now, report);
    report.messages += result.ok ? 1 : 0;
    if (!result.ok) return;
  }
}

/** A publisher that throws instead of answering is a failure to retry, not a crash of the pass. */
async function publishSafely(publish: () => Promise<PublishResult>): Promise<PublishResult> {
  try {
    return await publish();
  } catch (error) {
    return { ok: false, permanent: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The publish's result, or ABANDONED when shutdown was asked for and it outlasted the drain time. */
function untilDrained(
  attempt: Promise<PublishResult>,
  signal: AbortSignal | undefined,
  drainMs: number,
): Promise<PublishResult | typeof ABANDONED> {
  if (signal === undefined) return attempt;
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      timer = setTimeout(() => resolve(ABANDONED), drainMs);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    void attempt.then((result) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(result);
    });
  });
}

/**
 * Rows whose publish was abandoned at shutdown go back to pending, marked interrupted, exactly as a
 * crash would leave them: the next start resends them as the same batch (same idempotency key), so
 * a part that did reach the platform is deduplicated or reconciled there.
 */
function release(deps: WorkerDeps, destination: Destination, rows: readonly Delivery[], now: Date): void {
  deps.store.transaction(() => {
    for (const row of rows) deps.store.deliveries.mark(row.id, "pending", now, { error: INTERRUPTED });
  });
  deps.log.warn(`delivery to ${labelOf(destination)} still in flight at shutdown: ${rows.length} rows released for the next start`);
}

function labelOf(destination: Destination): string {
  return `${destination.platform}/${destination.kind}/${publicAddress(destination)}`;
}

function settle(
  deps: WorkerDeps,
  destination: Destination,
  rows: readonly Delivery[],
  result: PublishResult,
  now: Date,
  report: DeliveryReport,
): void {
  const { store } = deps;
  const policy = deps.retry ?? DEFAULT_RETRY;
  // One wait for the whole batch: with a jitter per row, a digest would come apart into one message per paper.
  const attempts = Math.max(0, ...rows.map((row) => row.attempts)) + 1;
  const retryAt = new Date(now.getTime() + Math.max(result.ok ? 0 : (result.retryAfterMs ?? 0), backoffMs(attempts, policy)));
  store.transaction(() => {
    for (const row of rows) {
      if (result.ok) {
        store.deliveries.mark(row.id, "sent", now, { attempted: true, ...(result.ref ? { messageRef: result.ref } : {}) });
        report.sent += 1;
      } else if (result.permanent || row.attempts + 1 >= policy.maxAttempts) {
        store.deliveries.mark(row.id, "dead", now, { attempted: true, error: result.reason });
        report.dead += 1;
      } else {
        store.deliveries.mark(row.id, "failed", now, { attempted: true, error: result.reason, nextAttemptAt: retryAt });
        report.failed += 1;
      }
    }
    if (!result.ok && result.destinationGone === true) {
      store.destinations.disable(destination.id, result.reason, now);
      if (destination.kind === "dm") {
        store.subscriptions.pauseForDestination(destination.id, result.reason);
        store.destinations.setNotice(
          destination.id,
          `Your subscriptions are paused: I could not message you (${result.reason}). Allow direct messages from this server, then run /papers subscriptions to resume them.`,
        );
      }
    }
  });
  if (!result.ok) {
    const label = labelOf(destination);
    const what = result.destinationGone === true ? "disabled" : result.permanent ? "gave up" : "will retry";
    deps.log.warn(`delivery to ${label} failed, ${what}: ${result.reason}`);
  }
}
