import type { Button } from "./types.js";

/**
 * The buttons under every paper card the bot posts. Their ids carry the verb and the paper, so a
 * click on a card in a channel digest, a DM or a search result is recorded for whoever clicked.
 */
export type FeedbackVerb = "like" | "dislike" | "save";

const PREFIX = "fb:";
const TOKEN = /^fb:(like|dislike|save):(\d{1,12})$/;

export function feedbackButtons(paperId: number): Button[] {
  return [
    { id: `${PREFIX}like:${paperId}`, label: "👍" },
    { id: `${PREFIX}dislike:${paperId}`, label: "👎" },
    { id: `${PREFIX}save:${paperId}`, label: "🔖" },
  ];
}

export function isFeedbackToken(id: string): boolean {
  return id.startsWith(PREFIX);
}

export function parseFeedbackToken(id: string): { verb: FeedbackVerb; paperId: number } | null {
  const match = TOKEN.exec(id);
  if (match === null) return null;
  return { verb: match[1] as FeedbackVerb, paperId: Number(match[2]) };
}
