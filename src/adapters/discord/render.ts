import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from "discord.js";
import { feedbackButtons, type Button, type DigestMessage, type PaperCard, type Reply } from "../../messages/index.js";
import { clip, fit, inert, size } from "./inert.js";

/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** Nobody is ever pinged: not by a paper title, not by a query someone typed. */
export const NO_MENTIONS = { parse: [] as [] } as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** One message in Discord's REST shape, ready for a channel, a webhook or an interaction. */
export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  allowed_mentions: typeof NO_MENTIONS;
}

const ACCENT = 0xffb000;
const DIGEST_TLDR = 700;
/** Replies try the longest TL;DR that keeps every card in one message. */
const REPLY_TLDRS = [1500, 700, 300, 120, 0];

const nonEmpty = (s: string): boolean => s !== "";

/** Only plain http(s) URLs without characters that would break a markdown link. */
function safeUrl(url: string | null): string | null {
  if (url === null || url.length > 512 || !/^https?:\/\/[^\s()<>[\]]+$/.test(url)) return null;
  return url;
}

export function embedSize(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + size(f.name) + size(f.value), 0);
  return size(embed.title) + size(embed.description) + size(embed.footer?.text) + size(embed.author?.name) + fields;
}

const totalSize = (embeds: readonly APIEmbed[]): number => embeds.reduce((sum, e) => sum + embedSize(e), 0);

/** A paper as one embed: title linked to its page, TL;DR and links, facts as inline fields. */
export function cardEmbed(card: PaperCard, tldrMax: number): APIEmbed {
  const hf = safeUrl(card.url);
  const arxiv = safeUrl(card.arxivUrl);
  const code = safeUrl(card.githubUrl);
  const project = safeUrl(card.projectUrl);
  const links = [
    hf === null ? "" : `[${card.urlIsSearch === true ? "Find on Hugging Face" : "Hugging Face"}](${hf})`,
    arxiv === null ? "" : `[arXiv](${arxiv})`,
    code === null ? "" : `[Code](${code})`,
    project === null ? "" : `[Project page](${project})`,
  ].filter(nonEmpty);
  const tldr = tldrMax > 0 && card.tldr.trim() !== "" ? fit(card.tldr.trim(), tldrMax) : "";
  const description = [tldr, links.join(" · ")].filter(nonEmpty).join("\n\n");
  const fields: APIEmbedField[] = [{ name: "Upvotes", value: `▲ ${card.upvotes}`, inline: true }];
  if (card.publishedOn !== null) fields.push({ name: "Published", value: fit(card.publishedOn, 64), inline: true });
  if (card.organization !== null) fields.push({ name: "Organization", value: fit(card.organization, 200), inline: true });
  if (card.authorCount !== null) fields.push({ name: "Authors", value: String(card.authorCount), inline: true });
  if (card.matched.length > 0) fields.push({ name: "Matched", value: fit(card.matched.join(", "), 512) });
  return {
    title: fit(card.title, DISCORD_LIMITS.title) || "(untitled)",
    ...(hf ?? arxiv ? { url: hf ?? arxiv ?? "" } : {}),
    ...(description === "" ? {} : { description }),
    color: ACCENT,
    fields: fields.filter((f) => f.value !== ""),
    footer: { text: `#${card.paperId} · /papers show ${card.paperId}` },
  };
}

/**
 * One row of 👍 👎 🔖 per card (labelled with the paper's number, since rows sit below all the
 * embeds), for as many cards as `rows` allows: Discord gives a message five rows.
 */
export function feedbackRows(cards: readonly PaperCard[], rows: number): ButtonRow[] {
  return cards.slice(0, Math.max(0, rows)).map((card) => ({
    type: ComponentType.ActionRow,
    components: feedbackButtons(card.paperId).map((b) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      custom_id: b.id,
      label: `${b.label} #${card.paperId}`,
    })),
  }));
}

/** Groups embeds into messages of at most `perMessage` embeds and 6,000 characters. */
export function packEmbeds(embeds: readonly APIEmbed[], perMessage: number = DISCORD_LIMITS.embeds): APIEmbed[][] {
  const groups: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let total = 0;
  for (const embed of embeds) {
    const s = embedSize(embed);
    if (current.length > 0 && (current.length >= perMessage || total + s > DISCORD_LIMITS.embedTotal)) {
      groups.push(current);
      current = [];
      total = 0;
    }
    current.push(embed);
    total += s;
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);
  return groups;
}

function message(content: string, embeds: APIEmbed[], components: ButtonRow[] = []): DiscordMessage {
  return { content, embeds, components, allowed_mentions: NO_MENTIONS };
}

/**
 * A digest as one or more messages, each within Discord's limits; the heading says "(2/3)". With
 * `feedback`, at most five cards a message, so each has its row of 👍 👎 🔖; without (webhooks,
 * whose messages cannot carry the bot's buttons), up to ten.
 */
export function renderDigest(digest: DigestMessage, feedback = true): DiscordMessage[] {
  const groups = packEmbeds(
    digest.cards.map((card) => cardEmbed(card, DIGEST_TLDR)),
    feedback ? DISCORD_LIMITS.rows : DISCORD_LIMITS.embeds,
  );
  let first = 0;
  const heading = fit(digest.heading, 300);
  const footer = digest.footer === null ? "" : fit(digest.footer, 1500);
  return groups.map((group, i) => {
    const part = groups.length > 1 ? ` (${i + 1}/${groups.length})` : "";
    const last = i === groups.length - 1;
    const cards = digest.cards.slice(first, first + group.length);
    first += group.length;
    const rows = feedback ? feedbackRows(cards, DISCORD_LIMITS.rows) : [];
    return message([`**${heading}**${part}`, last ? footer : ""].filter(nonEmpty).join("\n"), group, rows);
  });
}

/** The header of a digest in a thread: heading, how many papers are in the thread, footer. */
export function renderDigestHeader(digest: DigestMessage): DiscordMessage {
  const count = `${digest.cards.length} paper${digest.cards.length === 1 ? "" : "s"} in the thread`;
  const footer = digest.footer === null ? "" : fit(digest.footer, 1500);
  return message([`**${fit(digest.heading, 300)}**`, count, footer].filter(nonEmpty).join("\n"), []);
}

/** Many papers in one embed, a line each, when one embed per paper would not fit. */
function listEmbed(cards: readonly PaperCard[], budget: number): APIEmbed {
  const room = Math.min(DISCORD_LIMITS.description, budget);
  const perLine = Math.floor((room - cards.length) / Math.max(1, cards.length));
  const lines = cards.map((card) => {
    const date = card.publishedOn === null ? "" : ` · ${fit(card.publishedOn, 16)}`;
    const meta = ` — ▲ ${card.upvotes}${date} · #${card.paperId}`;
    return `**${fit(card.title, Math.max(8, perLine - size(meta) - 4))}**${meta}`;
  });
  return { description: lines.join("\n").slice(0, room), color: ACCENT };
}

/** The cards of a reply within what is left of one message: full cards when they fit, else a list. */
function replyEmbeds(cards: readonly PaperCard[], budget: number, slots: number): APIEmbed[] {
  if (cards.length === 0) return [];
  if (cards.length <= slots) {
    for (const tldr of REPLY_TLDRS) {
      const embeds = cards.map((card) => cardEmbed(card, tldr));
      if (totalSize(embeds) <= budget) return embeds;
    }
  }
  return slots > 0 ? [listEmbed(cards, budget)] : [];
}

/** Buttons in rows of five; a button whose id is too long to carry is left out. */
export function buttonRows(buttons: readonly Button[]): ButtonRow[] {
  const usable = buttons.filter((b) => b.id.length > 0 && b.id.length <= DISCORD_LIMITS.customId);
  const rows: ButtonRow[] = [];
  for (let i = 0; i < usable.length && rows.length < DISCORD_LIMITS.rows; i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: usable.slice(i, i + DISCORD_LIMITS.buttonsPerRow).map((b) => ({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: b.id,
        label: clip(b.label, DISCORD_LIMITS.buttonLabel) || "…",
        disabled: b.disabled === true,
      })),
    });
  }
  return rows;
}

/**
 * A reply as one message (an interaction answer is one message, and paging edits it in place):
 * heading and text as content, long text in an embed, then the cards.
 */
export function renderReply(reply: Reply): DiscordMessage {
  const heading = reply.heading === undefined || reply.heading === "" ? "" : `**${fit(reply.heading, DISCORD_LIMITS.title)}**`;
  const text = reply.text.trim();
  let content = [heading, inert(text)].filter(nonEmpty).join("\n");
  const embeds: APIEmbed[] = [];
  if (size(content) > DISCORD_LIMITS.content) {
    content = heading;
    embeds.push({ description: fit(text, DISCORD_LIMITS.description), color: ACCENT });
  }
  const budget = DISCORD_LIMITS.embedTotal - totalSize(embeds);
  embeds.push(...replyEmbeds(reply.cards, budget, DISCORD_LIMITS.embeds - embeds.length));
  if (content === "" && embeds.length === 0) content = "Nothing to show.";
  const rows = buttonRows(reply.buttons);
  return message(content, embeds, [...rows, ...feedbackRows(reply.cards, DISCORD_LIMITS.rows - rows.length)]);
}
