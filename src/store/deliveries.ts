import { INTERRUPTED, type Delivery, type DeliveryState, type EnqueueRequest } from "../domain/delivery.js";
import type { Db } from "./database.js";
import type { DeliveryListing, DeliveryRepository } from "./types.js";

interface DeliveryRowDb {
  id: number;
  paper_id: number;
  destination_id: number;
  reason: "digest" | "subscription";
  subscription_ids: string;
  matched: string;
  state: DeliveryState;
  due_at: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  batch_key: string | null;
}

const toDelivery = (r: DeliveryRowDb): Delivery => ({
  id: r.id,
  paperId: r.paper_id,
  destinationId: r.destination_id,
  reason: r.reason,
  subscriptionIds: JSON.parse(r.subscription_ids) as number[],
  matched: JSON.parse(r.matched) as string[],
  state: r.state,
  dueAt: r.due_at,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  batchKey: r.batch_key,
});

/** Prepared statements over the outbox. Rows are unique per (paper, destination). */
export class DeliveryStore implements DeliveryRepository {
  private readonly find;
  private readonly insertRow;
  private readonly mergeRow;
  private readonly dueRows;
  private readonly setState;
  private readonly counts;
  private readonly countsByPlatform;
  private readonly byPaperDest;
  private readonly releaseSending;
  private readonly skipDigests;
  private readonly listRows;
  private readonly reviveRows;
  private readonly skipOtherPlatforms;
  private readonly heldRows;

  constructor(db: Db) {
    this.find = db.prepare<[number, number], DeliveryRowDb>(
      "SELECT * FROM deliveries WHERE paper_id = ? AND destination_id = ?",
    );
    this.insertRow = db.prepare(`INSERT INTO deliveries (paper_id, destination_id, reason, subscription_ids,
      matched, due_at, created_at) VALUES (@paperId, @destinationId, @reason, @subscriptionIds, @matched, @dueAt, @at)`);
    this.mergeRow = db.prepare(`UPDATE deliveries SET subscription_ids = @subscriptionIds, matched = @matched,
      due_at = min(due_at, @dueAt) WHERE id = @id`);
    this.dueRows = db.prepare<[string, string, string, number], DeliveryRowDb>(`SELECT d.* FROM deliveries d
      JOIN destinations t ON t.id = d.destination_id AND t.status = 'active'
        AND t.platform IN (SELECT value FROM json_each(?))
      WHERE (d.state = 'pending' AND d.due_at <= ?) OR (d.state = 'failed' AND d.next_attempt_at <= ?)
      ORDER BY d.destination_id, d.due_at, d.id LIMIT ?`);
    this.setState = db.prepare(`UPDATE deliveries SET state = @state, attempts = attempts + @attempted,
      next_attempt_at = @nextAttemptAt, last_error = @lastError, message_ref = coalesce(@messageRef, message_ref),
      sent_at = CASE WHEN @state = 'sent' THEN @at ELSE sent_at END,
      batch_key = coalesce(batch_key, @batchKey) WHERE id = @id`);
    this.countsByPlatform = db.prepare<[], { state: DeliveryState; platform: string; n: number }>(`SELECT d.state,
      t.platform, count(*) AS n FROM deliveries d JOIN destinations t ON t.id = d.destination_id GROUP BY d.state, t.platform`);
    this.counts = db.prepare<[], { state: DeliveryState; n: number }>(
      "SELECT state, count(*) AS n FROM deliveries GROUP BY state",
    );
    this.byPaperDest = db.prepare<[number, number], DeliveryRowDb>(
      "SELECT * FROM deliveries WHERE paper_id = ? AND destination_id = ? AND state = 'sent'",
    );
    this.skipDigests = db.prepare(
      "UPDATE deliveries SET state = 'skipped' WHERE destination_id = ? AND state IN ('pending', 'failed') AND reason = 'digest'",
    );
    this.listRows = db.prepare<[string | null, string | null, number], DeliveryListing>(`SELECT d.id, d.state,
        d.attempts, d.due_at AS dueAt, d.next_attempt_at AS nextAttemptAt, d.last_error AS lastError, p.title,
        t.platform, t.kind, CASE WHEN t.kind = 'webhook' THEN '(webhook)' ELSE t.address END AS address
      FROM deliveries d JOIN papers p ON p.id = d.paper_id JOIN destinations t ON t.id = d.destination_id
      WHERE (? IS NULL OR d.state = ?) ORDER BY d.id DESC LIMIT ?`);
    this.reviveRows = db.prepare(`UPDATE deliveries SET state = 'pending', due_at = ?, next_attempt_at = NULL,
      attempts = 0 WHERE state IN ('failed', 'dead') AND (? IS NULL OR id = ?) AND (? = 0 OR state = 'dead')`);
    this.skipOtherPlatforms = db.prepare<[string, string]>(`UPDATE deliveries SET state = 'skipped', last_error = ?
      WHERE state IN ('pending', 'failed') AND destination_id IN
        (SELECT id FROM destinations WHERE platform NOT IN (SELECT value FROM json_each(?)))`);
    this.heldRows = db.prepare<[string], { state: "pending" | "failed"; n: number }>(`SELECT d.state, count(*) AS n FROM deliveries d
      JOIN destinations t ON t.id = d.destination_id
      WHERE d.state IN ('pending', 'failed') AND (t.status <> 'active' OR t.platform NOT IN (SELECT value FROM json_each(?)))
      GROUP BY d.state`);
    this.releaseSending = db.prepare(
      `UPDATE deliveries SET state = 'pending', last_error = '${INTERRUPTED}' WHERE state = 'sending'`,
    );
  }

  /** Adds a row, or merges the subscriptions and matched terms into the existing one (earliest due wins). */
  enqueue(req: EnqueueRequest, at: Date): void {
    const existing = this.find.get(req.paperId, req.destinationId);
    if (existing === undefined) {
      this.insertRow.run({
        ...req,
        subscriptionIds: JSON.stringify(req.subscriptionIds),
        matched: JSON.stringify(req.matched),
        dueAt: req.dueAt.toISOString(),
        at: at.toISOString(),
      });
      return;
    }
    if (existing.state !== "pending") return;
    const current = toDelivery(existing);
    this.mergeRow.run({
      id: existing.id,
      subscriptionIds: JSON.stringify([...new Set([...current.subscriptionIds, ...req.subscriptionIds])]),
      matched: JSON.stringify([...new Set([...current.matched, ...req.matched])]),
      dueAt: req.dueAt.toISOString(),
    });
  }

  /** Rows due by `now` for destinations on the given platforms (those with a running publisher). */
  due(now: Date, limit: number, platforms: readonly string[]): Delivery[] {
    const at = now.toISOString();
    return this.dueRows.all(JSON.stringify(platforms), at, at, limit).map(toDelivery);
  }

  mark(
    id: number,
    state: DeliveryState,
    at: Date,
    details: {
      attempted?: boolean;
      nextAttemptAt?: Date | null;
      error?: string | null;
      messageRef?: string;
      batchKey?: string;
    } = {},
  ): void {
    this.setState.run({
      id,
      state,
      attempted: details.attempted === true ? 1 : 0,
      nextAttemptAt: details.nextAttemptAt?.toISOString() ?? null,
      lastError: details.error ?? null,
      messageRef: details.messageRef ?? null,
      batchKey: details.batchKey ?? null,
      at: at.toISOString(),
    });
  }

  /** The sent row of a paper to a destination, if any (used for "matched: …" in /papers show). */
  sentTo(paperId: number, destinationId: number): Delivery | undefined {
    const row = this.byPaperDest.get(paperId, destinationId);
    return row === undefined ? undefined : toDelivery(row);
  }

  /** A channel's digest was turned off: its unsent digest rows will never be sent. */
  skipPendingDigests(destinationId: number): number {
    return this.skipDigests.run(destinationId).changes;
  }

  /** Rows left `sending` by a crash go back to pending on start. */
  releaseInFlight(): number {
    return this.releaseSending.run().changes;
  }

  /** Outbox rows by state and destination platform, for the metrics (one grouped query per scrape). */
  countByStateAndPlatform(): { state: DeliveryState; platform: string; count: number }[] {
    return this.countsByPlatform
      .all()
      .map((r) => ({ state: r.state, platform: r.platform, count: r.n }));
  }

  countByState(): Record<DeliveryState, number> {
    const result: Record<DeliveryState, number> = { pending: 0, sending: 0, sent: 0, failed: 0, dead: 0, skipped: 0 };
    for (const row of this.counts.all()) result[row.state] = row.n;
    return result;
  }

  skipQueuedExcept(platforms: readonly string[], reason: string): number {
    return this.skipOtherPlatforms.run(reason, JSON.stringify(platforms)).changes;
  }

  countHeld(platforms: readonly string[]): { pending: number; failed: number } {
    const held = { pending: 0, failed: 0 };
    for (const row of this.heldRows.all(JSON.stringify(platforms))) held[row.state] = row.n;
    return held;
  }

  list(filter: { state?: DeliveryState; limit: number }): DeliveryListing[] {
    const state = filter.state ?? null;
    return this.listRows.all(state, state, filter.limit);
  }

  revive(target: { id: number } | { deadOnly: true }, at: Date): number {
    const id = "id" in target ? target.id : null;
    return this.reviveRows.run(at.toISOString(), id, id, id === null ? 1 : 0).changes;
  }
}
