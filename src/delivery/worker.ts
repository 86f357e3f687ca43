import { createHash } from "node:crypto";
import type { Logger } from "../log.js";
import { toCard, type DigestMessage } from "../messages/index.js";
import { INTERRUPTED, type Delivery, type Destination, type Store } from "../store/index.js";
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
}

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
  options: { dueBy?: Date; limit?: number; concurrency?: number; signal?: AbortSignal } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, dead: 0, messages: 0 };
  const due = deps.store.deliveries.due(options.dueBy ?? now, options.limit ?? 5_000);
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
      await deliverTo(deps, next[0], next[1], now, report, options.signal);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  return report;
}

/**
 * Rows interrupted by a crash form their own first batch, exactly as it was in flight, so its
 * idempotency key (and the platform nonces derived from it) match the interrupted attempt.
 */
function batchesOf<T extends { row: Delivery }>(papers: T[], size: number): T[][] {
  const interrupted = papers.filter((x) => x.row.lastError === INTERRUPTED);
  const rest = papers.filter((x) => x.row.lastError !== INTERRUPTED);
  const batches: T[][] = interrupted.length > 0 ? [interrupted] : [];
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
  signal: AbortSignal | undefined,
): Promise<void> {
  const { store } = deps;
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
    store.db.transaction(() => {
      for (const row of batchRows) store.deliveries.mark(row.id, "sending", now);
    })();
    let result: PublishResult;
    try {
      const resumed = batchRows.some((row) => row.lastError === INTERRUPTED);
      result = await publisher.publish(destination, message, idempotencyKey(destinationId, batchRows), { resumed });
    } catch (error) {
      result = { ok: false, permanent: false, reason: error instanceof Error ? error.message : String(error) };
    }
    settle(deps, destination, batchRows, result, now, report);
    report.messages += result.ok ? 1 : 0;
    if (!result.ok) return;
  }
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
  store.db.transaction(() => {
    for (const row of rows) {
      if (result.ok) {
        store.deliveries.mark(row.id, "sent", now, { attempted: true, ...(result.ref ? { messageRef: result.ref } : {}) });
        report.sent += 1;
      } else if (result.permanent || row.attempts + 1 >= policy.maxAttempts) {
        store.deliveries.mark(row.id, "dead", now, { attempted: true, error: result.reason });
        report.dead += 1;
      } else {
        const wait = Math.max(result.retryAfterMs ?? 0, backoffMs(row.attempts + 1, policy));
        store.deliveries.mark(row.id, "failed", now, {
          attempted: true,
          error: result.reason,
          nextAttemptAt: new Date(now.getTime() + wait),
        });
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
  })();
  if (!result.ok) {
    const label = `${destination.platform}/${destination.kind}/${destination.kind === "webhook" ? "(webhook)" : destination.address}`;
    const what = result.destinationGone === true ? "disabled" : result.permanent ? "gave up" : "will retry";
    deps.log.warn(`delivery to ${label} failed, ${what}: ${result.reason}`);
  }
}
