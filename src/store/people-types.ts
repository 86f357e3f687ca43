/** A person on one platform. */
export interface Person {
  platform: string;
  id: string;
}

export type Verdict = "like" | "dislike";

/** A person's for-you digest: their top papers, by DM, daily or weekly. */
export interface ForYouSubscription {
  platform: string;
  personId: string;
  destinationId: number;
  rhythm: "daily" | "weekly";
  createdAt: string;
}

/** What `forget` deleted, by kind. */
export interface Forgotten {
  subscriptions: number;
  feedback: number;
  saved: number;
  pendingMessages: number;
}

/** What each person told the bot. Only ever read for that person: nobody sees another's. */
export interface PeopleRepository {
  /** Sets (or with null clears) a person's verdict on a paper; returns the verdict it replaced. */
  setVerdict(person: Person, paperId: number, verdict: Verdict | null, at: Date): Verdict | null;
  /** Paper ids the person liked and disliked, oldest verdict first. */
  verdicts(person: Person): { liked: number[]; disliked: number[] };
  /** True when newly saved. */
  save(person: Person, paperId: number, at: Date): boolean;
  /** True when it was saved. */
  unsave(person: Person, paperId: number): boolean;
  /** Saved paper ids, most recently saved first. */
  saved(person: Person, offset: number, limit: number): number[];
  savedCount(person: Person): number;
  setForYou(person: Person, destinationId: number, rhythm: "daily" | "weekly", at: Date): void;
  forYouOf(person: Person): ForYouSubscription | undefined;
  /** True when there was one. */
  removeForYou(person: Person): boolean;
  forYouSubscribers(): ForYouSubscription[];
  /** Paper ids of for-you rows queued for a DM destination and not yet sent (matched line "for you: …", no other subscription). */
  pendingForYou(destinationId: number): number[];
  /** Skips those of the destination's pending for-you rows whose paper is listed: a better paper took their place. */
  dropPendingForYou(destinationId: number, paperIds: readonly number[]): number;
  /** Deletes the person's subscriptions, verdicts, saved papers and undelivered direct messages, atomically. */
  forget(person: Person): Forgotten;
}
