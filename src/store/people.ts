import type { Db } from "./database.js";
import type { ForYouSubscription, Forgotten, PeopleRepository, Person, Verdict } from "./types.js";

interface ForYouRowDb {
  platform: string;
  person_id: string;
  destination_id: number;
  rhythm: "daily" | "weekly";
  created_at: string;
}

const toForYou = (r: ForYouRowDb): ForYouSubscription => ({
  platform: r.platform,
  personId: r.person_id,
  destinationId: r.destination_id,
  rhythm: r.rhythm,
  createdAt: r.created_at,
});

/** Prepared statements over what each person told the bot: verdicts, saved papers, their for-you digest. */
export class PeopleStore implements PeopleRepository {
  private readonly upsertVerdict;
  private readonly deleteVerdict;
  private readonly verdictOf;
  private readonly verdictRows;
  private readonly insertSaved;
  private readonly deleteSaved;
  private readonly savedRows;
  private readonly savedCountRow;
  private readonly upsertForYou;
  private readonly forYouRow;
  private readonly forYouRows;
  private readonly deleteForYou;
  private readonly forgetStatements;
  private readonly pendingForYouRow;
  private readonly dropForYouRow;

  constructor(private readonly db: Db) {
    this.upsertVerdict = db.prepare(`INSERT INTO feedback (platform, person_id, paper_id, verdict, at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (platform, person_id, paper_id) DO UPDATE SET verdict = excluded.verdict, at = excluded.at`);
    this.deleteVerdict = db.prepare("DELETE FROM feedback WHERE platform = ? AND person_id = ? AND paper_id = ?");
    this.verdictOf = db.prepare<[string, string, number], { verdict: Verdict }>(
      "SELECT verdict FROM feedback WHERE platform = ? AND person_id = ? AND paper_id = ?",
    );
    this.verdictRows = db.prepare<[string, string], { paper_id: number; verdict: Verdict }>(
      "SELECT paper_id, verdict FROM feedback WHERE platform = ? AND person_id = ? ORDER BY at, paper_id",
    );
    this.insertSaved = db.prepare("INSERT OR IGNORE INTO saved_papers (platform, person_id, paper_id, at) VALUES (?, ?, ?, ?)");
    this.deleteSaved = db.prepare("DELETE FROM saved_papers WHERE platform = ? AND person_id = ? AND paper_id = ?");
    this.savedRows = db.prepare<[string, string, number, number], { paper_id: number }>(
      "SELECT paper_id FROM saved_papers WHERE platform = ? AND person_id = ? ORDER BY at DESC, paper_id DESC LIMIT ? OFFSET ?",
    );
    this.savedCountRow = db.prepare<[string, string], { n: number }>(
      "SELECT count(*) AS n FROM saved_papers WHERE platform = ? AND person_id = ?",
    );
    this.upsertForYou = db.prepare(`INSERT INTO foryou_subscriptions (platform, person_id, destination_id, rhythm, created_at)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform, person_id) DO UPDATE SET destination_id = excluded.destination_id,
      rhythm = excluded.rhythm`);
    this.forYouRow = db.prepare<[string, string], ForYouRowDb>("SELECT * FROM foryou_subscriptions WHERE platform = ? AND person_id = ?");
    this.forYouRows = db.prepare<[], ForYouRowDb>("SELECT * FROM foryou_subscriptions ORDER BY created_at, platform, person_id");
    this.deleteForYou = db.prepare("DELETE FROM foryou_subscriptions WHERE platform = ? AND person_id = ?");
    this.pendingForYouRow = db.prepare<[number], { paper_id: number }>(
      `SELECT paper_id FROM deliveries WHERE destination_id = ? AND state = 'pending' AND subscription_ids = '[]' AND matched LIKE '["for you:%' ORDER BY id`,
    );
    this.dropForYouRow = db.prepare<[number, number]>(
      `UPDATE deliveries SET state = 'skipped', last_error = 'a better for-you paper took its place'
        WHERE destination_id = ? AND paper_id = ? AND state = 'pending' AND subscription_ids = '[]' AND matched LIKE '["for you:%'`,
    );
    this.forgetStatements = {
      subscriptions: db.prepare("DELETE FROM subscriptions WHERE platform = ? AND owner_id = ?"),
      feedback: db.prepare("DELETE FROM feedback WHERE platform = ? AND person_id = ?"),
      saved: db.prepare("DELETE FROM saved_papers WHERE platform = ? AND person_id = ?"),
      forYou: db.prepare("DELETE FROM foryou_subscriptions WHERE platform = ? AND person_id = ?"),
      pending: db.prepare(`DELETE FROM deliveries WHERE state IN ('pending', 'failed') AND destination_id IN
        (SELECT id FROM destinations WHERE platform = ? AND kind = 'dm' AND address = ?)`),
    };
  }

  setVerdict(person: Person, paperId: number, verdict: Verdict | null, at: Date): Verdict | null {
    const before = this.verdictOf.get(person.platform, person.id, paperId)?.verdict ?? null;
    if (verdict === null) this.deleteVerdict.run(person.platform, person.id, paperId);
    else this.upsertVerdict.run(person.platform, person.id, paperId, verdict, at.toISOString());
    return before;
  }

  verdicts(person: Person): { liked: number[]; disliked: number[] } {
    const rows = this.verdictRows.all(person.platform, person.id);
    return {
      liked: rows.filter((r) => r.verdict === "like").map((r) => r.paper_id),
      disliked: rows.filter((r) => r.verdict === "dislike").map((r) => r.paper_id),
    };
  }

  save(person: Person, paperId: number, at: Date): boolean {
    return this.insertSaved.run(person.platform, person.id, paperId, at.toISOString()).changes > 0;
  }

  unsave(person: Person, paperId: number): boolean {
    return this.deleteSaved.run(person.platform, person.id, paperId).changes > 0;
  }

  saved(person: Person, offset: number, limit: number): number[] {
    return this.savedRows.all(person.platform, person.id, limit, offset).map((r) => r.paper_id);
  }

  savedCount(person: Person): number {
    return this.savedCountRow.get(person.platform, person.id)?.n ?? 0;
  }

  setForYou(person: Person, destinationId: number, rhythm: "daily" | "weekly", at: Date): void {
    this.upsertForYou.run(person.platform, person.id, destinationId, rhythm, at.toISOString());
  }

  forYouOf(person: Person): ForYouSubscription | undefined {
    const row = this.forYouRow.get(person.platform, person.id);
    return row === undefined ? undefined : toForYou(row);
  }

  removeForYou(person: Person): boolean {
    return this.deleteForYou.run(person.platform, person.id).changes > 0;
  }

  pendingForYou(destinationId: number): number[] {
    return this.pendingForYouRow.all(destinationId).map((r) => r.paper_id);
  }

  dropPendingForYou(destinationId: number, paperIds: readonly number[]): number {
    let dropped = 0;
    for (const id of paperIds) dropped += this.dropForYouRow.run(destinationId, id).changes;
    return dropped;
  }

  forYouSubscribers(): ForYouSubscription[] {
    return this.forYouRows.all().map(toForYou);
  }

  forget(person: Person): Forgotten {
    const run = this.db.transaction((): Forgotten => {
      const args = [person.platform, person.id] as const;
      return {
        subscriptions: this.forgetStatements.subscriptions.run(...args).changes + this.forgetStatements.forYou.run(...args).changes,
        feedback: this.forgetStatements.feedback.run(...args).changes,
        saved: this.forgetStatements.saved.run(...args).changes,
        pendingMessages: this.forgetStatements.pending.run(...args).changes,
      };
    });
    return run();
  }
}
