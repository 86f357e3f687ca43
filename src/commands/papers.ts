import { toCard } from "../messages/index.js";
import type { Reply } from "../messages/index.js";
import { describeQueryError, searchText } from "../search/index.js";
import type { Paper } from "../domain/paper.js";
import { parseArxivId } from "../papers/index.js";
import type { CommandContext } from "./context.js";
import { usageOf } from "./definitions.js";
import { isExpired, pageButtons, parsePageButton } from "./paging.js";
import { cardsReply, textReply, usageReply } from "./replies.js";

const DEFAULT_LIMIT = 5;

export function searchPage(ctx: CommandContext, query: string, offset: number, limit: number): Reply {
  const found = searchText(ctx.store.search, query, { limit, offset });
  if (!found.ok) {
    return usageReply(describeQueryError(found.error), usageOf("search"));
  }
  if (found.total === 0) return textReply(`No papers match ${query}. Try fewer words or a prefix like transform*.`);
  if (offset >= found.total) return textReply(`That page is past the end: ${found.total} results for ${query}.`);
  const last = offset + found.results.length;
  const heading = `Results ${offset + 1}–${last} of ${found.total} for ${query}`;
  const cards = found.results.map((hit) => toCard(hit.paper));
  return cardsReply(heading, cards, pageButtons(query, offset, limit, found.total, ctx.now));
}

export function search(ctx: CommandContext, args: { query: string; limit?: number }): Reply {
  return searchPage(ctx, args.query, 0, args.limit ?? DEFAULT_LIMIT);
}

/** A click on Previous/Next: the button carries the query and the page. */
export function pageClick(ctx: CommandContext, buttonId: string): Reply {
  const request = parsePageButton(buttonId);
  if (request === null) return textReply("That button is not one of mine.");
  if (isExpired(request, ctx.now)) {
    return textReply(`This page has expired; results may have changed. Search again: /papers search ${request.query}`);
  }
  return searchPage(ctx, request.query, request.offset, Math.min(25, Math.max(1, request.limit)));
}

export function latest(ctx: CommandContext, args: { limit?: number }): Reply {
  const limit = args.limit ?? DEFAULT_LIMIT;
  const papers = ctx.store.papers.latest(limit);
  if (papers.length === 0) return textReply("No papers yet: drop a digest dump into the inbox.");
  return cardsReply(`The ${papers.length} latest papers`, papers.map((p) => toCard(p)));
}

function findPaper(ctx: CommandContext, ref: string): Paper | undefined {
  const text = ref.trim().replace(/^#/, "");
  if (/^\d{1,9}$/.test(text)) return ctx.store.papers.get(Number(text));
  const arxiv = parseArxivId(text);
  if (arxiv !== null) return ctx.store.papers.findByArxivId(arxiv.id);
  const exact = ctx.store.papers.findByTitle(text);
  if (exact !== undefined) return exact;
  const words = text.replace(/[^\p{L}\p{N}\s]/gu, " ").trim();
  if (words === "") return undefined;
  const found = searchText(ctx.store.search, `title:(${words})`, { limit: 1, offset: 0 });
  const fallback = found.ok ? found : searchText(ctx.store.search, words, { limit: 1, offset: 0 });
  return fallback.ok ? fallback.results[0]?.paper : undefined;
}

export function show(ctx: CommandContext, args: { paper: string }): Reply {
  const paper = findPaper(ctx, args.paper);
  if (paper === undefined) return usageReply(`No paper matches "${args.paper.slice(0, 80)}".`, usageOf("show"));
  const dm = ctx.store.destinations.find(ctx.actor.platform, "dm", ctx.actor.userId);
  const delivered = dm === undefined ? undefined : ctx.store.deliveries.sentTo(paper.id, dm.id);
  const card = toCard(paper, delivered?.matched ?? []);
  const details = [
    paper.abstract,
    paper.authors.length > 0 ? `Authors: ${paper.authors.slice(0, 20).join(", ")}${paper.authors.length > 20 ? ", …" : ""}` : "",
    paper.keywords.length > 0 ? `Keywords: ${paper.keywords.join(", ")}` : "",
    paper.githubRepo === null ? "" : `Code: ${paper.githubRepo}`,
    delivered === undefined ? "" : `matched: ${delivered.matched.join(", ")}`,
  ].filter((line) => line !== "");
  return { heading: paper.title, text: details.join("\n"), cards: [card], buttons: [], ephemeral: true };
}

/** Autocomplete for `show` and `unsubscribe`: titles (or subscriptions) starting with what is typed. */
export function suggestPapers(ctx: CommandContext, typed: string): { name: string; value: string }[] {
  const words = typed.replace(/[^\p{L}\p{N}\s]/gu, " ").trim().split(/\s+/).filter(Boolean).slice(0, 6);
  if (words.length === 0) {
    return ctx.store.papers.latest(25).map((p) => ({ name: p.title.slice(0, 100), value: String(p.id) }));
  }
  const found = searchText(ctx.store.search, words.map((w, i) => (i === words.length - 1 ? `title:${w}*` : `title:${w}`)).join(" "), {
    limit: 25,
    offset: 0,
  });
  return found.ok ? found.results.map((h) => ({ name: h.paper.title.slice(0, 100), value: String(h.paper.id) })) : [];
}
