import type { Reply } from "../messages/index.js";
import { formatSchedule, parseSchedule, validTimeZone } from "../scheduler/schedule.js";
import { describeQueryError, parseBoundedQuery } from "../search/index.js";
import type { CommandContext } from "./context.js";
import { usageOf } from "./definitions.js";
import { textReply, usageReply } from "./replies.js";

const REFUSAL = "Only people who can manage this server or workspace can change the channel's digest.";

function channelOf(ctx: CommandContext) {
  return ctx.actor.channelId === null
    ? undefined
    : ctx.store.destinations.find(ctx.actor.platform, "channel", ctx.actor.channelId);
}

export function channelSet(
  ctx: CommandContext,
  args: { schedule?: string; min_upvotes?: number; filter?: string; thread?: "on" | "off" },
): Reply {
  if (!ctx.actor.isAdmin) return textReply(REFUSAL);
  if (ctx.actor.channelId === null) return usageReply("Run this in the channel to configure.", usageOf("channel set"));
  const existing = channelOf(ctx);
  const { schedule: scheduleText, timeZone } = splitTimeZone(args.schedule ?? existing?.schedule ?? ctx.settings.digestSchedule);
  const schedule = parseSchedule(scheduleText);
  if (!schedule.ok) return usageReply(schedule.error, usageOf("channel set"));
  if (args.filter !== undefined) {
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
    filter: args.filter ?? existing?.filter ?? null,
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
  return textReply(`This channel now gets new papers: ${describe(settings)}.`, false);
}

export function channelOff(ctx: CommandContext): Reply {
  if (!ctx.actor.isAdmin) return textReply(REFUSAL);
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
  return textReply(`This channel gets new papers: ${describe(dest)} (time zone ${dest.timeZone ?? ctx.settings.timeZone}).${disabled}`);
}

/** `daily 09:00 Europe/Berlin`: a trailing IANA zone overrides the configured one for this channel. */
function splitTimeZone(text: string): { schedule: string; timeZone: string | null } {
  const words = text.trim().split(/\s+/);
  const last = words[words.length - 1] ?? "";
  if (words.length > 1 && /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$|^UTC$/.test(last) && validTimeZone(last)) {
    return { schedule: words.slice(0, -1).join(" "), timeZone: last };
  }
  return { schedule: text, timeZone: null };
}

function describe(s: { schedule: string; timeZone: string | null; minUpvotes: number; filter: string | null; thread?: boolean }): string {
  const parts = [s.timeZone === null ? s.schedule : `${s.schedule} ${s.timeZone}`];
  if (s.minUpvotes > 0) parts.push(`at least ${s.minUpvotes} upvotes`);
  if (s.filter !== null && s.filter !== "") parts.push(`matching ${s.filter}`);
  if (s.thread === true) parts.push("each digest in a thread");
  return parts.join(", ");
}
