import type { Reply } from "../messages/index.js";
import { channelOff, channelSet, channelShow } from "./channel.js";
import type { CommandContext } from "./context.js";
import { allPaths, usageOf, type Invocation } from "./definitions.js";
import { latest, search, show, suggestPapers } from "./papers.js";
import { textReply } from "./replies.js";
import { listSubscriptions, subscribe, suggestSubscriptions, unsubscribe } from "./subscriptions.js";
import { trending } from "./trending.js";
import { feedbackCommand, forgetMe, forYou, similar } from "./feedback.js";
import { cite, saved } from "./library.js";

export { pageClick } from "./papers.js";

/** An autocomplete suggestion: what is shown, and the value the option gets. */
export interface Choice {
  name: string;
  value: string;
}

/** How the query language reads dates, said once where people look for it. */
export const SINCE_RULE = "since:YYYY-MM-DD keeps papers published on or after that day; a paper without a date counts from the day paperbot first saw it.";

function help(): Reply {
  return textReply(`paperbot keeps you current on new papers.\n${allPaths().map((p) => usageOf(p)).join("\n")}\n${SINCE_RULE}`);
}

const str = (v: string | number | undefined): string | undefined => (v === undefined ? undefined : String(v));
const num = (v: string | number | undefined): number | undefined => (typeof v === "number" ? v : undefined);

/** Runs a validated invocation. A pending notice for the person (e.g. DMs refused) is shown first. */
export async function handleCommand(ctx: CommandContext, invocation: Invocation): Promise<Reply> {
  const reply = await dispatch(ctx, invocation);
  const dm = ctx.store.destinations.find(ctx.actor.platform, "dm", ctx.actor.userId);
  if (dm?.notice !== null && dm?.notice !== undefined) {
    ctx.store.destinations.setNotice(dm.id, null);
    return { ...reply, text: `⚠ ${dm.notice}\n\n${reply.text}`.trim() };
  }
  return reply;
}

function dispatch(ctx: CommandContext, { path, args }: Invocation): Reply | Promise<Reply> {
  switch (path) {
    case "search":
      return search(ctx, { query: String(args.query), ...(args.limit === undefined ? {} : { limit: Number(args.limit) }) });
    case "latest":
      return latest(ctx, { ...(args.limit === undefined ? {} : { limit: Number(args.limit) }) });
    case "show":
      return show(ctx, { paper: String(args.paper) });
    case "trending":
      return trending(ctx, { ...(args.days === undefined ? {} : { days: Number(args.days) }) });
    case "help":
      return help();
    case "subscribe":
      return subscribe(ctx, {
        query: String(args.query),
        ...(args.delivery === undefined ? {} : { delivery: String(args.delivery) }),
        ...(args.rhythm === undefined ? {} : { rhythm: String(args.rhythm) }),
      });
    case "unsubscribe":
      return unsubscribe(ctx, { subscription: String(args.subscription) });
    case "subscriptions":
      return listSubscriptions(ctx);
    case "channel set": {
      const schedule = str(args.schedule);
      const minUpvotes = num(args.min_upvotes);
      const filter = str(args.filter);
      const thread = str(args.thread);
      return channelSet(ctx, {
        ...(thread === "on" || thread === "off" ? { thread } : {}),
        ...(schedule === undefined ? {} : { schedule }),
        ...(minUpvotes === undefined ? {} : { min_upvotes: minUpvotes }),
        ...(filter === undefined ? {} : { filter }),
      });
    }
    case "channel off":
      return channelOff(ctx);
    case "channel show":
      return channelShow(ctx);
    case "like":
    case "dislike":
    case "save":
    case "unsave":
      return feedbackCommand(ctx, path, String(args.paper));
    case "similar":
      return similar(ctx, { paper: String(args.paper), ...(args.limit === undefined ? {} : { limit: Number(args.limit) }) });
    case "foryou": {
      const days = str(args.days);
      return forYou(ctx, { ...(args.limit === undefined ? {} : { limit: Number(args.limit) }), ...(days === undefined ? {} : { days }) });
    }
    case "saved": {
      const page = num(args.page);
      return saved(ctx, { format: str(args.format) === "bibtex" ? "bibtex" : "list", ...(page === undefined ? {} : { page }) });
    }
    case "cite":
      return cite(ctx, { paper: String(args.paper), format: str(args.format) === "text" ? "text" : "bibtex" });
    case "forget-me":
      return forgetMe(ctx);
  }
}

/** Autocomplete choices for an option being typed (Discord); empty when the option has none. */
export async function autocomplete(ctx: CommandContext, path: string, option: string, typed: string): Promise<Choice[]> {
  if (option === "paper") return await suggestPapers(ctx, typed);
  if (path === "unsubscribe" && option === "subscription") return suggestSubscriptions(ctx, typed);
  return [];
}
