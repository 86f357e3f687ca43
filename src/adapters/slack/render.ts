import type { types } from "@slack/bolt";
import { feedbackButtons, type Button, type DigestMessage, type PaperCard, type Reply } from "../../messages/index.js";
import { chunk, escapeLine, link, plainLine, truncate } from "./mrkdwn.js";
import { stripInvisible } from "../../messages/index.js";

export type SlackBlock = types.KnownBlock;

/** One Slack message: Block Kit blocks plus the fallback `text` notifications and old clients show. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit), enforced here rather than by Slack's 400s. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3_000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  /** Our own cap on the fallback text (Slack allows 40,000; notifications show far less). */
  fallbackText: 3_000,
  /** A reply's text is cut to this many sections; the rest would not be read in a chat anyway. */
  replyTextSections: 10,
} as const;

/** The prefix of every page button's action_id; the button's value is the neutral button id. */
export const PAGE_ACTION_PREFIX = "paperbot_page_";
/** The prefix of the 👍 👎 🔖 buttons' action_ids (unique per message: verb and paper); the value is the neutral id. */
export const FEEDBACK_ACTION_PREFIX = "paperbot_fb_";

/** 👍 👎 🔖 under a card. */
function feedbackBlock(card: PaperCard): SlackBlock {
  return {
    type: "actions",
    elements: feedbackButtons(card.paperId).map((b) => ({
      type: "button" as const,
      action_id: `${FEEDBACK_ACTION_PREFIX}${b.id.replace(/:/g, "_")}`,
      text: { type: "plain_text" as const, text: b.label, emoji: true },
      value: b.id,
    })),
  };
}

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: "mrkdwn", text, verbatim: true });
/** Shown exactly as written: no mrkdwn, no `:emoji:` codes. For text that may come from a dump. */
const plain = (text: string): types.PlainTextElement => ({ type: "plain_text", text, emoji: false });

function section(text: string): SlackBlock {
  return { type: "section", text: mrkdwn(truncate(text, SLACK_LIMITS.sectionText)) };
}

function plainSection(text: string): SlackBlock {
  return { type: "section", text: plain(truncate(text, SLACK_LIMITS.sectionText)) };
}

function context(texts: readonly (string | types.PlainTextElement)[]): SlackBlock {
  const elements = texts
    .slice(0, SLACK_LIMITS.contextElements)
    .map((t) => (typeof t === "string" ? mrkdwn(truncate(t, SLACK_LIMITS.sectionText)) : plain(truncate(t.text, SLACK_LIMITS.sectionText))));
  return { type: "context", elements };
}

/** Only http(s) URLs become links. */
function httpUrl(url: string | null): string | null {
  return url !== null && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
}

/** The longest URL a card links to, as on Discord: anything longer is not a link a dump should carry. */
const MAX_LINK_URL = 512;

/**
 * The card's links beside its title, as Discord and the console show them: arXiv, the code and the
 * project page. Each is an http(s) URL without spaces of at most 512 characters, or it is left out.
 */
function cardLinks(card: PaperCard): { url: string; label: string }[] {
  const links = [
    { url: card.arxivUrl, label: "arXiv" },
    { url: card.githubUrl, label: "Code" },
    { url: card.projectUrl, label: "Project page" },
  ];
  return links.flatMap(({ url, label }) => {
    const safe = httpUrl(url);
    return safe === null || safe.length > MAX_LINK_URL ? [] : [{ url: safe, label }];
  });
}

type RichText = types.RichTextText | types.RichTextLink;

/**
 * Rich text shows its text literally: `*`, `_`, `~` and backticks in a title do not format, and
 * `<!channel>` is just text (mentions are separate element types). The style is ours alone.
 */
function richText(elements: RichText[]): SlackBlock {
  return { type: "rich_text", elements: [{ type: "rich_text_section", elements }] };
}

function titleElement(card: PaperCard): RichText {
  const text = truncate(plainLine(card.title), 500) || "(untitled)";
  const url = httpUrl(card.url);
  return url === null ? { type: "text", text, style: { bold: true } } : { type: "link", url, text, style: { bold: true } };
}

function header(text: string): SlackBlock {
  return { type: "header", text: { type: "plain_text", text: truncate(escapeLine(text), SLACK_LIMITS.headerText), emoji: true } };
}

/** The dump-derived part of the meta line, as plain text: `▲ 12 · #42 · 2025-12-10 · org · 7 authors`. */
function metaText(card: PaperCard): string {
  const parts = [
    `▲ ${card.upvotes}`,
    `#${card.paperId}`,
    card.publishedOn === null ? null : plainLine(card.publishedOn),
    card.organization === null ? null : truncate(plainLine(card.organization), 100),
    card.authorCount === null ? null : `${card.authorCount} author${card.authorCount === 1 ? "" : "s"}`,
  ];
  return parts.filter((p): p is string => p !== null && p !== "").join(" · ");
}

function matchedText(card: PaperCard): string | null {
  return card.matched.length === 0 ? null : `matched: ${truncate(plainLine(card.matched.join(", ")), 300)}`;
}

/** `▲ 12 · #42 · 2025-12-10 · org · 7 authors`, the links, `matched: a, b` — dump text in plain text. */
export function metaLine(card: PaperCard): (string | types.PlainTextElement)[] {
  const matched = matchedText(card);
  const links = cardLinks(card).map((l) => link(l.url, l.label));
  return [plain(metaText(card)), ...(links.length === 0 ? [] : [links.join(" · ")]), ...(matched === null ? [] : [plain(matched)])];
}

/** A card as rich text (linked title, TL;DR) and a context line; `compact` puts all of it in the rich text. */
export function cardBlocks(card: PaperCard, compact = false): SlackBlock[] {
  const tldr = truncate(stripInvisible(card.tldr).trim(), SLACK_LIMITS.sectionText);
  const elements: RichText[] = [titleElement(card)];
  if (tldr !== "") elements.push({ type: "text", text: `\n${tldr}` });
  if (!compact) return [richText(elements), context(metaLine(card))];
  elements.push({ type: "text", text: `\n${metaText(card)}` });
  for (const l of cardLinks(card)) elements.push({ type: "text", text: " · " }, { type: "link", url: l.url, text: l.label });
  const matched = matchedText(card);
  if (matched !== null) elements.push({ type: "text", text: ` · ${matched}` });
  return [richText(elements)];
}

function titleList(cards: readonly PaperCard[]): string {
  return cards.map((c) => `• ${truncate(escapeLine(c.title), 300)}`).join("\n");
}

/** Splits items into `parts` runs of nearly equal length, in order. */
function balanced<T>(items: readonly T[], capacity: number): T[][] {
  const parts = Math.max(1, Math.ceil(items.length / Math.max(1, capacity)));
  const size = Math.ceil(items.length / parts);
  const runs: T[][] = [];
  for (let i = 0; i < parts; i += 1) runs.push(items.slice(i * size, (i + 1) * size));
  return runs;
}

/**
 * A digest as one or more messages of at most 50 blocks: a header, two blocks per card and the
 * footer; continuation messages start with a context line saying which part they are.
 */
export function renderDigest(message: DigestMessage, feedback = true): SlackMessage[] {
  const footer = message.footer === null || message.footer.trim() === "" ? null : context([plain(plainLine(message.footer))]);
  const reserved = 1 + (footer === null ? 0 : 1);
  const perCard = feedback ? 3 : 2;
  const runs = balanced(message.cards, Math.floor((SLACK_LIMITS.blocksPerMessage - reserved) / perCard));
  return runs.map((cards, i) => {
    const last = i === runs.length - 1;
    const label = runs.length > 1 ? ` (${i + 1}/${runs.length})` : "";
    const lead = i === 0 ? header(message.heading) : context([`${escapeLine(message.heading)}, continued${label}`]);
    const blocks = [lead, ...cards.flatMap((card) => [...cardBlocks(card), ...(feedback ? [feedbackBlock(card)] : [])]), ...(last && footer !== null ? [footer] : [])];
    const text = `${escapeLine(message.heading)}${label}\n${titleList(cards)}`;
    return { text: truncate(text, SLACK_LIMITS.fallbackText), blocks };
  });
}

/** The header of a digest in a thread: heading, how many papers are in the thread, footer. */
export function renderDigestHeader(message: DigestMessage): SlackMessage {
  const count = `${message.cards.length} paper${message.cards.length === 1 ? "" : "s"} in the thread`;
  const footer = message.footer === null || message.footer.trim() === "" ? [] : [plain(plainLine(message.footer))];
  return { text: truncate(`${escapeLine(message.heading)} — ${count}`, SLACK_LIMITS.fallbackText), blocks: [header(message.heading), context([count, ...footer])] };
}

function buttonBlock(buttons: readonly Button[]): SlackBlock | null {
  const live = buttons.filter((b) => b.disabled !== true);
  if (live.length === 0) return null;
  return {
    type: "actions",
    elements: live.slice(0, 25).map((b, i) => ({
      type: "button" as const,
      action_id: `${PAGE_ACTION_PREFIX}${i}`,
      text: { type: "plain_text" as const, text: truncate(b.label, SLACK_LIMITS.buttonText), emoji: true },
      value: b.id,
    })),
  };
}

function replyFallback(reply: Reply): string {
  const summary = [reply.heading ?? "", reply.text].find((s) => s.trim() !== "");
  if (summary !== undefined) return truncate(escapeLine(summary.slice(0, SLACK_LIMITS.fallbackText)), SLACK_LIMITS.fallbackText);
  return reply.cards.length > 0 ? truncate(titleList(reply.cards), SLACK_LIMITS.fallbackText) : "paperbot";
}

/**
 * A command reply: heading, text (escaped, it may quote dump text), cards and page buttons. Cards
 * shrink to one block each when two would not fit; a reply longer than 50 blocks is split, buttons last.
 */
export function renderReply(reply: Reply): SlackMessage[] {
  const heading = reply.heading === undefined ? "" : truncate(plainLine(reply.heading), SLACK_LIMITS.sectionText);
  const head = heading === "" ? [] : [richText([{ type: "text", text: heading, style: { bold: true } }])];
  const textChunks = reply.text.trim() === "" ? [] : chunk(stripInvisible(reply.text.trim()), SLACK_LIMITS.sectionText);
  const body = textChunks.slice(0, SLACK_LIMITS.replyTextSections).map(plainSection);
  const buttons = buttonBlock(reply.buttons);
  const fixed = head.length + body.length + (buttons === null ? 0 : 1);
  // Full cards with their feedback buttons (three blocks) when they fit; else one block each.
  const compact = fixed + reply.cards.length * 3 > SLACK_LIMITS.blocksPerMessage;
  const cards = reply.cards.flatMap((card) => (compact ? cardBlocks(card, true) : [...cardBlocks(card), feedbackBlock(card)]));
  const all = [...head, ...body, ...cards, ...(buttons === null ? [] : [buttons])];
  const text = replyFallback(reply);
  const messages: SlackMessage[] = [];
  for (let i = 0; i < all.length; i += SLACK_LIMITS.blocksPerMessage) {
    messages.push({ text, blocks: all.slice(i, i + SLACK_LIMITS.blocksPerMessage) });
  }
  return messages.length === 0 ? [{ text, blocks: [section(text)] }] : messages;
}
