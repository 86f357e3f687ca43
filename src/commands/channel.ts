import type { Reply } from "../messages/index.js";
import { formatSchedule, looksLikeTimeZone, parseSchedule, unknownTimeZone, validTimeZone } from "../scheduler/schedule.js";
import { describeQueryError, parseBoundedQuery } from "../search/index.js";
import type { CommandContext } from "./context.js";
import { usageOf } from "./definitions.js";
import { refusal, textReply, usageReply } from "./replies.js";

const REFUSAL = "Only people who can manage this server or workspace can change the channel's digest.";

function channelOf(ctx: CommandContext) {
  return ctx.actor.channelId === null
    ? undefined
    : ctx.store.destinations.find(ctx.actor.platform, "channel", ctx.actor.channelId);
}

/**
 * `filter:none` clears a channel's filter: platforms such as Discord cannot send an empty option,
 * so the word is reserved (a filter searching for "none" alone cannot be set). `min_upvotes:0`
 * clears the minimum.
 */
export const NO_FILTER = "none";

/** What `channel show` says about which settings persist and how they change. */
const PERSISTENCE =
  "Each setting stays until changed: /papers channel set changes only what it names (filter:none and min_upvotes:0 clear one), /papers channel off stops the digest.";

export function channelSet(
  ctx: CommandContext,
  args: { schedule?: string; min_upvotes?: number; filter?: string; thread?: "on" | "off" },
): Reply {
  if (!ctx.actor.isAdmin) return refusal(REFUSAL);
  if (ctx.actor.channelId === null) return usageReply("Run this in the channel to configure.", usageOf("channel set"));
  const existing = channelOf(ctx);
  const split = splitTimeZone(args.schedule ?? existing?.schedule ?? ctx.settings.digestSchedule);
  if ("error" in split) return usageReply(`${capitalise(split.error)}.`, usageOf("channel set"));
  const { schedule: scheduleText, timeZone } = split;
  const schedule = parseSchedule(scheduleText);
  if (!schedule.ok) return usageReply(schedule.error, usageOf("channel set"));
  const clearsFilter = args.filter !== undefined && args.filter.trim().toLowerCase() === NO_FILTER;
  if (args.filter !== undefined && !clearsFilter) {
    const parsed = parseBoundedQuery(args.filter);
    if (!parsed.ok) {
      return usageReply(describeQueryError(parsed.error, "The filter"), usageOf("channel set"));
    }
  }
  const { store, actor, now } = ctx;
  const settings = {
    schedule: formatSchedule(schedule.schedule),
    timeZone: timeZone ?? existing?.timeZone ?? null,
    minUpvotes: args.min_upvotes ?? existing?.minUpvotes ?? 0,
    filter: clearsFilter ? null : (args.filter ?? existing?.filter ?? null),
    digestEnabled: true,
    thread: args.thread === undefined ? (existing?.thread ?? false) : args.thread === "on",
  };
  store.transaction(() => {
    const dest = store.destinations.ensure(
      { platform: actor.platform, kind: "channel", address: actor.channelId ?? "", workspace: actor.workspaceId },
      settings.schedule,
      now,
    );
    store.destinations.configure(dest.id, settings, now);
    if (dest.status === "disabled") store.destinations.enable(dest.id, now);
  });
  return textReply(`This channel now gets new papers: ${describe(settings, ctx.settings.timeZone)}.`, false);
}

export function channelOff(ctx: CommandContext): Reply {
  if (!ctx.actor.isAdmin) return refusal(REFUSAL);
  const dest = channelOf(ctx);
  if (dest === undefined || !dest.digestEnabled) return textReply("This channel has no digest to turn off.");
  ctx.store.transaction(() => {
    ctx.store.destinations.configure(dest.id, { ...dest, digestEnabled: false }, ctx.now);
    ctx.store.deliveries.skipPendingDigests(dest.id);
  });
  return textReply("This channel's digest is off. Turn it on again with /papers channel set.", false);
}

export function channelShow(ctx: CommandContext): Reply {
  const dest = channelOf(ctx);
  if (dest === undefined || !dest.digestEnabled) {
    return textReply("This channel gets no digest. An admin can start one with /papers channel set daily 09:00.");
  }
  const disabled = dest.status === "disabled" ? `\nDisabled: ${dest.statusReason ?? "the platform refused the bot"}` : "";
  const owner = dest.declared
    ? `${PERSISTENCE} Declared in the config file: settings its channels list gives are applied again at each start, and removing it there turns this digest off.`
    : PERSISTENCE;
  return textReply(`This channel gets new papers: ${describe(dest, ctx.settings.timeZone)}.${disabled}\n${owner}`);
}

/**
 * `daily 09:00 Europe/Berlin`: a trailing IANA zone overrides the configured one for this channel.
 * A trailing word written like a zone that this runtime does not know is an unknown zone.
 */
function splitTimeZone(text: string): { schedule: string; timeZone: string | null } | { error: string } {
  const words = text.trim().split(/\s+/);
  const last = words[words.length - 1] ?? "";
  if (words.length > 1 && looksLikeTimeZone(last)) {
    if (!validTimeZone(last)) return { error: unknownTimeZone(last) };
    return { schedule: words.slice(0, -1).join(" "), timeZone: last };
  }
  return { schedule: text, timeZone: null };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `daily 09:00 Europe/Berlin, at least 5 upvotes, matching diffusion`: the zone once, and only for a timed schedule. */
function describe(s: { schedule: string; timeZone: string | null; minUpvotes: number; filter: string | null; thread?: boolean }, defaultZone: string): string {
  const zone = s.timeZone ?? `${defaultZone} (the bot's time zone)`;
  const parts = [s.schedule === "instant" ? "instant" : `${s.schedule} ${zone}`];
  if (s.minUpvotes > 0) parts.push(`at least ${s.minUpvotes} upvotes`);
  if (s.filter !== null && s.filter !== "") parts.push(`matching ${s.filter}`);
  if (s.thread === true) parts.push("each digest in a thread");
  return parts.join(", ");
}
