/**
 * What a person tells the bot about papers — like, dislike, save, unsave, by command or by the
 * buttons under a card — and what it gives back: papers like one paper, and their own ranking.
 * Every reply here is private: a person's feedback is theirs alone.
 */
import { parseFeedbackToken, toCard, type FeedbackVerb, type Reply } from "../messages/index.js";
import type { Paper } from "../domain/paper.js";
import { explainRanking, MIN_POSITIVES, preferencesOf, seedOf, type Recommended } from "../recommend/index.js";
import type { Person } from "../store/index.js";
import type { CommandContext } from "./context.js";
import { usageOf } from "./definitions.js";
import { findPaper } from "./papers.js";
import { cardsReply, textReply, usageReply } from "./replies.js";

const DEFAULT_LIMIT = 5;
const DEFAULT_DAYS = 7;

export const personOf = (ctx: CommandContext): Person => ({ platform: ctx.actor.platform, id: ctx.actor.userId });

const quoted = (paper: Paper): string => `“${paper.title.length > 90 ? `${paper.title.slice(0, 89)}…` : paper.title}” (#${paper.id})`;

/** Resolves the `paper` option, or a usage reply naming the subcommand. */
export async function paperArg(ctx: CommandContext, path: string, ref: string): Promise<Paper | Reply> {
  return (await findPaper(ctx, ref)) ?? usageReply(`No paper matches "${ref.slice(0, 80)}".`, usageOf(path));
}

const isReply = (value: Paper | Reply): value is Reply => "cards" in value;

function positivesNote(ctx: CommandContext): string {
  const person = personOf(ctx);
  const { liked } = ctx.store.people.verdicts(person);
  const saved = ctx.store.people.saved(person, 0, 1000);
  const positives = new Set([...liked, ...saved]).size;
  if (positives >= MIN_POSITIVES) return " /papers foryou shows your ranking.";
  const needed = MIN_POSITIVES - positives;
  return ` ${needed} more liked or saved paper${needed === 1 ? "" : "s"} and /papers foryou can rank for you.`;
}

/** Records a verdict or a save for the caller, and says so privately. */
export function giveFeedback(ctx: CommandContext, verb: FeedbackVerb | "unsave", paper: Paper): Reply {
  const person = personOf(ctx);
  const { people } = ctx.store;
  switch (verb) {
    case "like":
    case "dislike": {
      const before = people.setVerdict(person, paper.id, verb, ctx.now);
      const what =
        before === verb
          ? `You already ${verb} ${quoted(paper)}.`
          : before === null
            ? `You ${verb}d ${quoted(paper)}.`
            : `You ${verb}d ${quoted(paper)} (changed from ${before} to ${verb}).`;
      return textReply(`${what}${positivesNote(ctx)}`);
    }
    case "save": {
      const fresh = people.save(person, paper.id, ctx.now);
      return textReply(`${fresh ? "Saved" : "Already saved"} ${quoted(paper)}. /papers saved lists them; /papers cite ${paper.id} gives BibTeX.${positivesNote(ctx)}`);
    }
    case "unsave": {
      const was = people.unsave(person, paper.id);
      return textReply(was ? `Removed ${quoted(paper)} from your saved papers.` : `${quoted(paper)} was not in your saved papers.`);
    }
  }
}

export async function feedbackCommand(ctx: CommandContext, verb: FeedbackVerb | "unsave", ref: string): Promise<Reply> {
  const paper = await paperArg(ctx, verb, ref);
  return isReply(paper) ? paper : giveFeedback(ctx, verb, paper);
}

/** A click on 👍, 👎 or 🔖 under a card. */
export function feedbackClick(ctx: CommandContext, token: string): Reply {
  const parsed = parseFeedbackToken(token);
  const paper = parsed === null ? undefined : ctx.store.papers.get(parsed.paperId);
  if (parsed === null || paper === undefined) return textReply("That paper is no longer in the history.");
  return giveFeedback(ctx, parsed.verb, paper);
}

/** What a person reads when a recommendation was not ready in time, or too many were asked at once. */
function notReady(result: Exclude<Recommended<unknown>, { ok: true }>, what: string): Reply {
  return result.reason === "busy"
    ? textReply(`Many recommendations are being worked out right now, so ${what} had to wait: try again in a minute.`)
    : textReply(
        `${what[0]?.toUpperCase() ?? ""}${what.slice(1)} took longer than ${Math.max(1, Math.round(result.budgetMs / 1000))} s (after a start, the bot first reads the whole history): try again in a minute.`,
      );
}

export async function similar(ctx: CommandContext, args: { paper: string; limit?: number }): Promise<Reply> {
  const target = await paperArg(ctx, "similar", args.paper);
  if (isReply(target)) return target;
  const found = await ctx.recommendations.similar(target.id, args.limit ?? DEFAULT_LIMIT);
  if (!found.ok) return notReady(found, `finding papers like #${target.id}`);
  const papers = found.value.map((s) => ({ paper: ctx.store.papers.get(s.id), terms: s.terms })).filter((x) => x.paper !== undefined);
  if (papers.length === 0) return textReply(`No paper in the history shares distinctive words with ${quoted(target)}.`);
  return cardsReply(
    `Papers like ${quoted(target)}`,
    papers.map(({ paper, terms }) => toCard(paper as Paper, [`shares: ${terms.join(", ")}`])),
  );
}

/** `days`: a whole number of days (1–3650) or `all`; null when it is neither. */
function parseDays(text: string | undefined): number | "all" | null {
  if (text === undefined) return DEFAULT_DAYS;
  const lower = text.trim().toLowerCase();
  if (lower === "all") return "all";
  if (!/^\d{1,4}$/.test(lower)) return null;
  const n = Number(lower);
  return n >= 1 && n <= 3650 ? n : null;
}

export async function forYou(ctx: CommandContext, args: { limit?: number; days?: string }): Promise<Reply> {
  const days = parseDays(args.days);
  if (days === null) return usageReply(`days must be a whole number from 1 to 3650, or all — not "${String(args.days).slice(0, 20)}".`, usageOf("foryou"));
  const since = days === "all" ? null : new Date(ctx.now.getTime() - days * 86_400_000).toISOString();
  const person = personOf(ctx);
  const outcome = await ctx.recommendations.forYou(preferencesOf(ctx.store, person), since, args.limit ?? DEFAULT_LIMIT, seedOf(person));
  if (!outcome.ok) return notReady(outcome, "your ranking");
  const ranked = explainRanking(ctx.store, outcome.value);
  if ("needed" in ranked) {
    return textReply(
      `I need ${ranked.needed} more liked or saved paper${ranked.needed === 1 ? "" : "s"} to learn what you like: use 👍 or 🔖 under any paper, or /papers like <id>.`,
    );
  }
  const window = days === "all" ? "the whole history" : `the last ${days} day${days === 1 ? "" : "s"}`;
  if (ranked.papers.length === 0) return textReply(`No papers you have not rated were first seen in ${window}. Try days:all.`);
  return cardsReply(
    `For you: ${ranked.papers.length} of ${window}, ranked by what you liked`,
    ranked.papers.map(({ paper, reason }) => toCard(paper, [reason])),
  );
}

/** `/papers forget-me`: everything the bot keeps about the caller, gone, and what that was. */
export function forgetMe(ctx: CommandContext): Reply {
  const gone = ctx.store.people.forget(personOf(ctx));
  const parts = [
    `${gone.subscriptions} subscription${gone.subscriptions === 1 ? "" : "s"}`,
    `${gone.feedback} like${gone.feedback === 1 ? "" : "s"} or dislike${gone.feedback === 1 ? "" : "s"}`,
    `${gone.saved} saved paper${gone.saved === 1 ? "" : "s"}`,
    `${gone.pendingMessages} pending direct message${gone.pendingMessages === 1 ? "" : "s"}`,
  ];
  return textReply(`Deleted ${parts.join(", ")}. Nothing else about you is kept.`);
}
