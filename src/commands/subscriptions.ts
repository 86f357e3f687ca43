import type { Reply } from "../messages/index.js";
import { describeQueryError, parseBoundedQuery } from "../search/index.js";
import type { Rhythm } from "../domain/subscription.js";
import { plural } from "../plural.js";
import type { CommandContext } from "./context.js";
import { usageOf } from "./definitions.js";
import { refusal, textReply, usageReply } from "./replies.js";

const PREVIEW_DAYS = 30;

/** How a new subscription would have fared: matches among papers seen in the last 30 days. */
async function preview(ctx: CommandContext, query: string): Promise<string> {
  // Papers both found and published (undated ones: first seen) in the period the reply names.
  const since = new Date(ctx.now.getTime() - PREVIEW_DAYS * 86_400_000).toISOString();
  const found = await ctx.searcher.search(query, { limit: 3, offset: 0, seenSince: since, sinceDays: PREVIEW_DAYS, now: ctx.now });
  if (!found.ok || found.total === 0) return `No paper published in the last ${PREVIEW_DAYS} days would have matched; it may be too narrow.`;
  const titles = found.results.map((h) => `• ${h.paper.title} (${h.paper.publishedOn ?? "undated"})`).join("\n");
  return `${plural(found.total, "paper")} published in the last ${PREVIEW_DAYS} days would have matched, e.g.:\n${titles}`;
}

/** Queries that differ only in case and spacing are the same subscription. */
function sameQuery(a: string, b: string): boolean {
  const norm = (q: string): string => q.trim().replace(/\s+/gu, " ").toLowerCase();
  return norm(a) === norm(b);
}

/** Where a subscription delivers: `dm`, or `channel:<id>`. */
function deliversTo(ctx: CommandContext, destinationId: number): string | null {
  const dest = ctx.store.destinations.get(destinationId);
  return dest === undefined ? null : dest.kind === "dm" ? "dm" : `channel:${dest.address}`;
}

/** `/papers subscribe foryou daily|weekly`: the person's top 5 by DM at the digest time. */
function subscribeForYou(ctx: CommandContext, args: { delivery?: string; rhythm?: string }): Reply {
  const { store, actor, now } = ctx;
  if (args.delivery === "channel") return usageReply("For-you digests are personal: they go to your direct messages.", usageOf("subscribe"));
  const rhythm = args.rhythm ?? "daily";
  if (rhythm !== "daily" && rhythm !== "weekly") return usageReply("For-you digests are daily or weekly.", usageOf("subscribe"));
  store.transaction(() => {
    const dest = store.destinations.ensure(
      { platform: actor.platform, kind: "dm", address: actor.userId, workspace: actor.workspaceId, label: actor.userName },
      "instant",
      now,
    );
    if (dest.status === "disabled") store.destinations.enable(dest.id, now);
    store.people.setForYou({ platform: actor.platform, id: actor.userId }, dest.id, rhythm, now);
  });
  return textReply(`Subscribed: your for-you top 5 → your direct messages, ${rhythm}. It learns from 👍, 👎 and 🔖; /papers foryou shows it now.`);
}

export async function subscribe(
  ctx: CommandContext,
  args: { query: string; delivery?: string; rhythm?: string },
): Promise<Reply> {
  if (args.query.trim().toLowerCase() === "foryou") return subscribeForYou(ctx, args);
  const parsed = parseBoundedQuery(args.query);
  if (!parsed.ok) {
    return usageReply(describeQueryError(parsed.error), usageOf("subscribe"));
  }
  const delivery = args.delivery ?? "dm";
  const rhythm = (args.rhythm ?? "daily") as Rhythm;
  const { store, actor, now } = ctx;
  if (delivery === "channel") {
    if (actor.channelId === null) return usageReply("Channel delivery works only from a channel.", usageOf("subscribe"));
    if (!actor.isAdmin) return refusal("Only server or workspace admins can subscribe a channel; use delivery:dm for yourself.");
  }
  const owner = ctx.store.subscriptions.ofOwner(actor.platform, actor.userId);
  const target = delivery === "channel" ? `channel:${actor.channelId ?? ""}` : "dm";
  const same = owner.find((sub) => sameQuery(sub.query, args.query) && deliversTo(ctx, sub.destinationId) === target);
  if (same !== undefined) {
    return refusal(
      `You already have #${same.id}: ${same.query} (${delivery === "channel" ? "this channel" : "DM"}, ${same.rhythm}). ` +
        `To change it, /papers unsubscribe ${same.id} and subscribe again.`,
    );
  }
  if (owner.length >= 50) return refusal("You have 50 subscriptions already; remove one with /papers unsubscribe.");
  // Read before writing: if the preview fails, nothing has been saved and the error is the whole answer.
  const previewText = await preview(ctx, args.query);
  const id = store.transaction(() => {
    const dest =
      delivery === "channel"
        ? store.destinations.ensure(
            { platform: actor.platform, kind: "channel", address: actor.channelId ?? "", workspace: actor.workspaceId },
            ctx.settings.digestSchedule,
            now,
          )
        : store.destinations.ensure(
            { platform: actor.platform, kind: "dm", address: actor.userId, workspace: actor.workspaceId, label: actor.userName },
            "instant",
            now,
          );
    if (dest.kind === "dm" && dest.status === "disabled") {
      store.destinations.enable(dest.id, now);
      store.subscriptions.resumeForOwner(actor.platform, actor.userId);
    }
    return store.subscriptions.add(
      { platform: actor.platform, ownerId: actor.userId, destinationId: dest.id, query: args.query, rhythm },
      now,
    );
  });
  const where = delivery === "channel" ? "this channel" : "your direct messages";
  return textReply(`Subscribed (#${id}): ${args.query} → ${where}, ${rhythm}.\n${previewText}`);
}

export function unsubscribe(ctx: CommandContext, args: { subscription: string }): Reply {
  const { store, actor } = ctx;
  const mine = store.subscriptions.ofOwner(actor.platform, actor.userId);
  const ref = args.subscription.trim();
  if (ref.toLowerCase() === "foryou") {
    const removed = store.people.removeForYou({ platform: actor.platform, id: actor.userId });
    return removed ? textReply("Unsubscribed from your for-you digest.") : textReply("You have no for-you digest.");
  }
  const byId = /^#?(\d{1,9})$/.exec(ref);
  const target = byId !== null ? mine.find((s) => s.id === Number(byId[1])) : mine.find((s) => s.query.toLowerCase() === ref.toLowerCase());
  if (target === undefined) {
    return usageReply(`You have no subscription "${ref.slice(0, 80)}". See /papers subscriptions.`, usageOf("unsubscribe"));
  }
  store.subscriptions.remove(target.id);
  return textReply(`Unsubscribed from #${target.id}: ${target.query}`);
}

/** Lists the person's subscriptions; subscriptions paused because DMs failed are resumed here. */
export function listSubscriptions(ctx: CommandContext): Reply {
  const { store, actor, now } = ctx;
  const dm = store.destinations.find(actor.platform, "dm", actor.userId);
  let resumed = "";
  if (dm?.status === "disabled") {
    store.transaction(() => {
      store.destinations.enable(dm.id, now);
      store.subscriptions.resumeForOwner(actor.platform, actor.userId);
    });
    resumed = "Resumed your paused subscriptions (they pause again if I still cannot message you).\n";
  }
  const mine = store.subscriptions.ofOwner(actor.platform, actor.userId);
  const forYou = store.people.forYouOf({ platform: actor.platform, id: actor.userId });
  if (mine.length === 0 && forYou === undefined) return textReply(`${resumed}No subscriptions yet. Try /papers subscribe "vector graphics" dm instant`);
  const forYouLine = forYou === undefined ? [] : [`foryou  your top 5 (DM, ${forYou.rhythm})`];
  const lines = mine.map((s) => {
    const dest = ctx.store.destinations.get(s.destinationId);
    const where = dest?.kind === "dm" ? "DM" : `channel ${dest?.address ?? "?"}`;
    const state = s.status === "paused" ? ` — PAUSED: ${s.statusReason ?? ""}` : "";
    return `#${s.id}  ${s.query}  (${where}, ${s.rhythm})${state}`;
  });
  return textReply(`${resumed}Your subscriptions:\n${[...lines, ...forYouLine].join("\n")}`);
}

export function suggestSubscriptions(ctx: CommandContext, typed: string): { name: string; value: string }[] {
  const lower = typed.toLowerCase();
  return ctx.store.subscriptions
    .ofOwner(ctx.actor.platform, ctx.actor.userId)
    .filter((s) => s.query.toLowerCase().includes(lower) || `#${s.id}`.startsWith(lower))
    .slice(0, 25)
    .map((s) => ({ name: `#${s.id} ${s.query}`.slice(0, 100), value: String(s.id) }));
}
