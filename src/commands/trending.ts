import { toCard, type Reply } from "../messages/index.js";
import type { CommandContext } from "./context.js";
import { textReply } from "./replies.js";

/**
 * Momentum: the papers whose upvotes rose most across their sightings in the last N days, beside
 * the highest totals among the papers seen in that window.
 */
export function trending(ctx: CommandContext, args: { days?: number }): Reply {
  const days = args.days ?? 7;
  const since = new Date(ctx.now.getTime() - days * 86_400_000).toISOString();
  const rising = ctx.store.papers.rising(since, 5);
  const top = ctx.store.papers.mostUpvotedSeenSince(since, 5);
  if (top.length === 0) return textReply(`No papers were seen in the last ${days} days.`);
  const lines = [
    rising.length === 0
      ? `Rising: no paper gained upvotes between sightings in the last ${days} days.`
      : `Rising (upvotes gained in ${days} days): ${rising.map((r) => `${r.paper.title} (+${r.gain})`).join(" · ")}`,
  ];
  const cards = (rising.length > 0 ? rising.map((r) => r.paper) : top).map((paper) => toCard(paper));
  const totals = `Highest totals: ${top.map((r) => `${r.title} (▲${r.upvotes})`).join(" · ")}`;
  return {
    heading: rising.length > 0 ? `Trending over the last ${days} days` : `Most upvoted in the last ${days} days`,
    text: [...lines, totals].join("\n"),
    cards,
    buttons: [],
    ephemeral: false,
  };
}
