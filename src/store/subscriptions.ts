import type { Db } from "./database.js";
import type { SubscriptionRepository } from "./types.js";
import type { Rhythm, Subscription } from "../domain/subscription.js";

interface SubscriptionRowDb {
  id: number;
  platform: string;
  owner_id: string;
  destination_id: number;
  query: string;
  rhythm: Rhythm;
  status: "active" | "paused";
  status_reason: string | null;
  created_at: string;
}

const toSubscription = (r: SubscriptionRowDb): Subscription => ({
  id: r.id,
  platform: r.platform,
  ownerId: r.owner_id,
  destinationId: r.destination_id,
  query: r.query,
  rhythm: r.rhythm,
  status: r.status,
  statusReason: r.status_reason,
  createdAt: r.created_at,
});

/** Prepared statements over subscriptions and their index terms. */
export class SubscriptionStore implements SubscriptionRepository {
  private readonly insertRow;
  private readonly byOwner;
  private readonly byId;
  private readonly deleteRow;
  private readonly active;
  private readonly pauseDest;
  private readonly resumeOwner;
  private readonly countAll;
  private readonly versionRow;

  constructor(db: Db) {
    this.insertRow = db.prepare(`INSERT INTO subscriptions (platform, owner_id, destination_id, query, rhythm,
      created_at) VALUES (@platform, @ownerId, @destinationId, @query, @rhythm, @at)`);
    this.byOwner = db.prepare<[string, string], SubscriptionRowDb>(
      "SELECT * FROM subscriptions WHERE platform = ? AND owner_id = ? ORDER BY id",
    );
    this.byId = db.prepare<[number], SubscriptionRowDb>("SELECT * FROM subscriptions WHERE id = ?");
    this.deleteRow = db.prepare("DELETE FROM subscriptions WHERE id = ?");
    this.active = db.prepare<[], SubscriptionRowDb>("SELECT * FROM subscriptions WHERE status = 'active'");
    this.pauseDest = db.prepare(
      "UPDATE subscriptions SET status = 'paused', status_reason = ? WHERE destination_id = ? AND status = 'active'",
    );
    this.resumeOwner = db.prepare(`UPDATE subscriptions SET status = 'active', status_reason = NULL
      WHERE platform = ? AND owner_id = ? AND status = 'paused'`);
    this.countAll = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM subscriptions");
    this.versionRow = db.prepare<[], { n: number; top: number; active: number; spread: number }>(
      `SELECT count(*) AS n, coalesce(max(id), 0) AS top, total(CASE WHEN status = 'active' THEN id END) AS active,
        total(CASE WHEN status = 'active' THEN id * id END) AS spread FROM subscriptions`,
    );
  }

  add(sub: Omit<Subscription, "id" | "status" | "statusReason" | "createdAt">, at: Date): number {
    return Number(this.insertRow.run({ ...sub, at: at.toISOString() }).lastInsertRowid);
  }

  ofOwner(platform: string, ownerId: string): Subscription[] {
    return this.byOwner.all(platform, ownerId).map(toSubscription);
  }

  get(id: number): Subscription | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : toSubscription(row);
  }

  remove(id: number): void {
    this.deleteRow.run(id);
  }

  allActive(): Subscription[] {
    return this.active.all().map(toSubscription);
  }

  pauseForDestination(destinationId: number, reason: string): number {
    return this.pauseDest.run(reason, destinationId).changes;
  }

  resumeForOwner(platform: string, ownerId: string): number {
    return this.resumeOwner.run(platform, ownerId).changes;
  }

  /** Changes when subscriptions are added, removed, paused or resumed: a cache key for their matcher. */
  version(): string {
    const row = this.versionRow.get();
    return row === undefined ? "" : `${row.n}:${row.top}:${row.active}:${row.spread}`;
  }

  count(): number {
    return this.countAll.get()?.n ?? 0;
  }
}
