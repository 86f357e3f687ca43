import { describe, expect, it } from "vitest";
import { AT, type Fixture } from "./contract.js";

const ADA = { platform: "console", id: "ada" };
const BOB = { platform: "console", id: "bob" };
const later = (minutes: number): Date => new Date(AT.getTime() + minutes * 60_000);

/** What people told the bot: verdicts, saved papers, for-you digests, and forgetting them. */
export function peopleContract(name: string, f: Fixture): void {
  describe(`${name}: people`, () => {
    it("GIVEN verdicts THEN each person has their own, a new one replaces the old, null clears it", () => {
      const [p1, p2] = [f.paper(1), f.paper(2)];
      expect(f.store.people.setVerdict(ADA, p1, "like", AT)).toBeNull();
      expect(f.store.people.setVerdict(ADA, p2, "dislike", later(1))).toBeNull();
      expect(f.store.people.setVerdict(BOB, p1, "dislike", AT)).toBeNull();
      expect(f.store.people.verdicts(ADA)).toEqual({ liked: [p1], disliked: [p2] });
      expect(f.store.people.setVerdict(ADA, p1, "dislike", later(2))).toBe("like");
      expect(f.store.people.verdicts(ADA)).toEqual({ liked: [], disliked: [p2, p1] });
      expect(f.store.people.setVerdict(ADA, p2, null, later(3))).toBe("dislike");
      expect(f.store.people.verdicts(ADA)).toEqual({ liked: [], disliked: [p1] });
      expect(f.store.people.verdicts(BOB)).toEqual({ liked: [], disliked: [p1] });
    });

    it("GIVEN saved papers THEN they list newest first, page, count per person, and save/unsave say whether they changed anything", () => {
      const ids = [1, 2, 3].map((n) => f.paper(n));
      ids.forEach((id, i) => expect(f.store.people.save(ADA, id, later(i))).toBe(true));
      expect(f.store.people.save(ADA, ids[0] ?? 0, later(9))).toBe(false);
      expect(f.store.people.saved(ADA, 0, 2)).toEqual([ids[2], ids[1]]);
      expect(f.store.people.saved(ADA, 2, 2)).toEqual([ids[0]]);
      expect(f.store.people.savedCount(ADA)).toBe(3);
      expect(f.store.people.savedCount(BOB)).toBe(0);
      expect(f.store.people.unsave(ADA, ids[1] ?? 0)).toBe(true);
      expect(f.store.people.unsave(ADA, ids[1] ?? 0)).toBe(false);
      expect(f.store.people.saved(ADA, 0, 10)).toEqual([ids[2], ids[0]]);
    });

    it("GIVEN a for-you digest THEN one per person, its rhythm can change, and it can be removed", () => {
      const dm = f.store.destinations.ensure({ platform: "console", kind: "dm", address: "ada" }, "instant", AT);
      f.store.people.setForYou(ADA, dm.id, "daily", AT);
      f.store.people.setForYou(ADA, dm.id, "weekly", later(1));
      expect(f.store.people.forYouSubscribers()).toEqual([{ platform: "console", personId: "ada", destinationId: dm.id, rhythm: "weekly", createdAt: AT.toISOString() }]);
      expect(f.store.people.forYouOf(BOB)).toBeUndefined();
      expect(f.store.people.removeForYou(ADA)).toBe(true);
      expect(f.store.people.removeForYou(ADA)).toBe(false);
    });

    it("GIVEN a person who asks to be forgotten THEN their subscriptions, verdicts, saved papers and pending DMs go, and only theirs", () => {
      const [p1, p2] = [f.paper(1), f.paper(2)];
      const dm = f.store.destinations.ensure({ platform: "console", kind: "dm", address: "ada" }, "instant", AT);
      const bobDm = f.store.destinations.ensure({ platform: "console", kind: "dm", address: "bob" }, "instant", AT);
      f.store.subscriptions.add({ platform: "console", ownerId: "ada", destinationId: dm.id, query: "x", rhythm: "instant" }, AT);
      f.store.subscriptions.add({ platform: "console", ownerId: "bob", destinationId: bobDm.id, query: "x", rhythm: "instant" }, AT);
      f.store.people.setForYou(ADA, dm.id, "daily", AT);
      f.store.people.setVerdict(ADA, p1, "like", AT);
      f.store.people.setVerdict(BOB, p1, "like", AT);
      f.store.people.save(ADA, p2, AT);
      for (const destinationId of [dm.id, bobDm.id]) {
        f.store.deliveries.enqueue({ paperId: p1, destinationId, reason: "subscription", subscriptionIds: [], matched: [], dueAt: AT }, AT);
      }
      expect(f.store.people.forget(ADA)).toEqual({ subscriptions: 2, feedback: 1, saved: 1, pendingMessages: 1 });
      expect(f.store.subscriptions.ofOwner("console", "ada")).toEqual([]);
      expect(f.store.people.verdicts(ADA)).toEqual({ liked: [], disliked: [] });
      expect(f.store.people.savedCount(ADA)).toBe(0);
      expect(f.store.people.forYouOf(ADA)).toBeUndefined();
      expect(f.store.subscriptions.ofOwner("console", "bob")).toHaveLength(1);
      expect(f.store.people.verdicts(BOB).liked).toEqual([p1]);
      expect(f.store.deliveries.countByState().pending).toBe(1);
    });

    it("GIVEN papers THEN their texts are read in id order from any id on, in chunks", () => {
      const ids = [1, 2, 3].map((n) => f.paper(n));
      expect(f.store.papers.textsAfter(0, 2).map((t) => t.id)).toEqual(ids.slice(0, 2));
      const [last] = f.store.papers.textsAfter(ids[1] ?? 0, 10);
      expect(last).toEqual({ id: ids[2], title: "Paper 3", abstract: "About topic3.", firstSeenAt: AT.toISOString() });
    });
  });
}
