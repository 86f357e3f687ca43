/**
 * One person's ranking from what the store knows about them (likes, dislikes, saved papers), with
 * each paper's reason in words: shared by `/papers foryou` and the for-you digest by DM.
 */
import type { Paper } from "../domain/paper.js";
import type { Person, Store } from "../store/index.js";
import { recommenderFor, type ForYouOutcome, type Preferences } from "./recommender.js";

export type RankedForPerson = { papers: { paper: Paper; reason: string }[] } | { needed: number };

const quoted = (paper: Paper): string => `“${paper.title.length > 90 ? `${paper.title.slice(0, 89)}…` : paper.title}” (#${paper.id})`;

/** A seed per person, so their background sample is the same from one request to the next. */
export function seedOf(person: Person): number {
  let h = 0x811c9dc5;
  for (const c of `${person.platform}:${person.id}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** What the person told the bot, as the recommender takes it. */
export function preferencesOf(store: Store, person: Person): Preferences {
  const { liked, disliked } = store.people.verdicts(person);
  const saved = store.people.saved(person, 0, 10_000);
  return { liked, saved, disliked };
}

/** A recommender's outcome as papers with their reasons in words. */
export function explainRanking(store: Store, outcome: ForYouOutcome): RankedForPerson {
  if (outcome.kind === "needMore") return { needed: outcome.needed };
  const papers = outcome.papers.flatMap((p) => {
    const paper = store.papers.get(p.id);
    if (paper === undefined) return [];
    const like = p.likePaperId === null ? undefined : store.papers.get(p.likePaperId);
    return [{ paper, reason: like !== undefined ? `like ${quoted(like)}` : `for: ${p.terms.join(", ")}` }];
  });
  return { papers };
}

/** Ranks papers first seen since `since` (null: all), or exactly `among`, for `person`, on this thread. */
export function personalRanking(
  store: Store,
  person: Person,
  window: { since: string | null } | { among: readonly number[] },
  limit: number,
): RankedForPerson {
  const preferences = preferencesOf(store, person);
  const recommender = recommenderFor(store.papers);
  const outcome =
    "among" in window
      ? recommender.forYou(preferences, null, limit, seedOf(person), window.among)
      : recommender.forYou(preferences, window.since, limit, seedOf(person));
  return explainRanking(store, outcome);
}
