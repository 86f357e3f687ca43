import { plural } from "../../plural.js";
import { stripInvisible, type DigestMessage, type PaperCard, type Reply } from "../../messages/index.js";

/** Control characters, terminal escapes and invisible format characters from dump text never reach the terminal. */
export function inert(text: string): string {
  return stripInvisible(text);
}

export function renderCard(card: PaperCard, index: number): string {
  const meta = [
    `▲ ${card.upvotes}`,
    card.publishedOn,
    card.organization === null ? null : inert(card.organization),
    card.authorCount === null ? null : plural(card.authorCount, "author"),
  ].filter((x): x is string => x !== null);
  const lines = [`${index}. ${inert(card.title)}  [#${card.paperId}]`, `   ${meta.join(" · ")}`];
  if (card.tldr !== "") lines.push(`   ${inert(card.tldr)}`);
  if (card.matched.length > 0) lines.push(`   matched: ${card.matched.map(inert).join(", ")}`);
  const links = [card.url, card.arxivUrl, card.githubUrl, card.projectUrl].filter((x): x is string => x !== null);
  if (links.length > 0) lines.push(`   ${links.join("  ")}`);
  return lines.join("\n");
}

export function renderDigest(target: string, message: DigestMessage): string {
  const head = `── ${target} · ${message.heading} ──`;
  const body = message.cards.map((card, i) => renderCard(card, i + 1));
  const foot = message.footer === null ? [] : [message.footer];
  return [head, ...body, ...foot].join("\n") + "\n";
}

export function renderReply(reply: Reply): string {
  const parts: string[] = [];
  if (reply.heading !== undefined) parts.push(reply.heading);
  if (reply.text !== "") parts.push(inert(reply.text));
  reply.cards.forEach((card, i) => parts.push(renderCard(card, i + 1)));
  const buttons = reply.buttons.filter((b) => b.disabled !== true);
  if (buttons.length > 0) parts.push(buttons.map((b) => `[${b.label}]`).join(" "));
  // The console has no files: an attachment is printed whole (a BibTeX export is meant to be copied).
  if (reply.attachment !== undefined) parts.push(`── ${reply.attachment.filename} ──`, reply.attachment.content.trimEnd());
  return parts.join("\n") + "\n";
}
