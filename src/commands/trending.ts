import { toCard, type Reply } from "../messages/index.js";
import { toPaper } from "../store/index.js";
import type { CommandContext } from "./context.js";
import { textReply } from "./replies.js";

type PaperRow = Parameters<typeof toPaper>[0];

/**
 * Momentum: the papers whose upvotes rose most across their sightings in the last N days, beside
 * the highest totals among the papers seen in that window.
 */
export function trending(ctx: CommandContext, args: { days?: number }): Reply {
  const days = args.days ?? 7;
  const since = new Date(ctx.now.getTime() - days * 86_400_000).toISOString();
  const rising = ctx.store.db
    .prepare(`SELECT p.*, max(s.upvotes) - min(s.upvotes) AS gain FROM sightings s JOIN papers p ON p.id = s.paper_id
      WHERE s.seen_at >= ? GROUP BY p.id HAVING count(*) > 1 AND gain > 0
      ORDER BY gain DESC, p.upvotes DESC, p.id LIMIT 5`)
    .all(since) as (PaperRow & { gain: number })[];
  const top = ctx.store.db
    .prepare(`SELECT p.* FROM papers p WHERE p.id IN (SELECT paper_id FROM sightings WHERE seen_at >= ?)
      ORDER BY p.upvotes DESC, coalesce(p.published_on, '') DESC, p.id LIMIT 5`)
    .all(since) as PaperRow[];
  if (top.length === 0) return textReply(`No papers were seen in the last ${days} days.`);
  const lines = [
    rising.length === 0
      ? `Rising: no paper gained upvotes between sightings in the last ${days} days.`
      : `Rising (upvotes gained in ${days} days): ${rising.map((r) => `${r.title} (+${r.gain})`).join(" · ")}`,
  ];
  const cards = (rising.length > 0 ? rising : top).map((row) => toCard(toPaper(row)));
  const totals = `Highest totals: ${top.map((r) => `${r.title} (▲${r.upvotes})`).join(" · ")}`;
  return {
    heading: rising.length > 0 ? `Trending over the last ${days} days` : `Most upvoted in the last ${days} days`,
    text: [...lines, totals].join("\n"),
    cards,
    buttons: [],
    ephemeral: false,
  };
}
