import { toCard } from "../messages/index.js";
import type { Reply } from "../messages/index.js";
import { describeQueryError, QUERY_BOUNDS } from "../search/index.js";
import type { Paper } from "../domain/paper.js";
import { parseArxivId } from "../papers/index.js";
import { plural } from "../plural.js";
import type { CommandContext } from "./context.js";
import { usageOf } from "./definitions.js";
import { isExpired, pageButtons, parsePageButton } from "./paging.js";
import { cardsReply, refusal, textReply, usageReply } from "./replies.js";

const DEFAULT_LIMIT = 5;

export async function searchPage(ctx: CommandContext, query: string, offset: number, limit: number): Promise<Reply> {
  const found = await ctx.searcher.search(query, { limit, offset });
  if (!found.ok) {
    if ("timedOut" in found) return textReply(tooLong(found.budgetMs));
    return usageReply(describeQueryError(found.error), usageOf("search"));
  }
  if (found.total === 0) return textReply(`No papers match ${query}. Try fewer words or a prefix like transform*.`);
  if (offset >= found.total) return textReply(`That page is past the end: ${found.total} results for ${query}.`);
  const last = offset + found.results.length;
  const heading = `Results ${offset + 1}–${last} of ${found.total} for ${query}`;
  const cards = found.results.map((hit) => toCard(hit.paper));
  return cardsReply(heading, cards, pageButtons(query, offset, limit, found.total, ctx.now));
}

/** What a person is told when their search ran past the time budget. */
export function tooLong(budgetMs: number): string {
  return `That search took too long (over ${budgetMs / 1000} s), so I stopped it. Narrow it: more specific words, fewer prefixes* or ORs.`;
}

export function search(ctx: CommandContext, args: { query: string; limit?: number }): Promise<Reply> {
  return searchPage(ctx, args.query, 0, args.limit ?? DEFAULT_LIMIT);
}

/** A click on Previous/Next: the button carries the query and the page. */
export async function pageClick(ctx: CommandContext, buttonId: string): Promise<Reply> {
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
  return cardsReply(papers.length === 1 ? "The latest paper" : `The ${papers.length} latest papers`, papers.map((p) => toCard(p)));
}

const CANDIDATES = 5;

/** A title compared without case, punctuation or spacing. */
const squash = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/** The one paper a reference names best (the first candidate), for commands that act on one paper. */
export async function findPaper(ctx: CommandContext, ref: string): Promise<Paper | undefined> {
  return (await findPapers(ctx, ref))[0];
}

/** The paper a reference names: by id, arXiv id or exact title; else the papers its words match (several = ambiguous). */
async function findPapers(ctx: CommandContext, ref: string): Promise<Paper[]> {
  const text = ref.trim().replace(/^#/, "");
  const one = (paper: Paper | undefined): Paper[] => (paper === undefined ? [] : [paper]);
  if (/^\d{1,9}$/.test(text)) return one(ctx.store.papers.get(Number(text)));
  const arxiv = parseArxivId(text);
  if (arxiv !== null) return one(ctx.store.papers.findByArxivId(arxiv.id));
  const exact = ctx.store.papers.findByTitle(text);
  if (exact !== undefined) return [exact];
  const words = text.replace(/[^\p{L}\p{N}\s]/gu, " ").trim();
  if (words === "") return [];
  const found = await ctx.searcher.search(`title:(${words})`, { limit: CANDIDATES, offset: 0 });
  if (found.ok && found.results.length > 0) {
    const same = found.results.find((hit) => squash(hit.paper.title) === squash(words));
    return same === undefined ? found.results.map((hit) => hit.paper) : [same.paper];
  }
  const fallback = await ctx.searcher.search(words, { limit: CANDIDATES, offset: 0 });
  return fallback.ok ? fallback.results.map((hit) => hit.paper) : [];
}

/**
 * One paper in full, printed once: title, facts, links, TL;DR, abstract, keywords, authors, code
 * and, when it reached this person by a subscription, the terms that matched. A title that several
 * papers match lists them instead of picking one.
 */
export async function show(ctx: CommandContext, args: { paper: string }): Promise<Reply> {
  const papers = await findPapers(ctx, args.paper);
  const paper = papers[0];
  if (paper === undefined) return usageReply(`No paper matches "${args.paper.slice(0, 80)}".`, usageOf("show"));
  if (papers.length > 1) {
    const lines = papers.map((p) => `#${p.id}  ${p.title}  (${p.publishedOn ?? "undated"}, ▲${p.upvotes})`);
    return refusal(`Several papers match "${args.paper.slice(0, 80)}"; say which with /papers show <id>:\n${lines.join("\n")}`);
  }
  const dm = ctx.store.destinations.find(ctx.actor.platform, "dm", ctx.actor.userId);
  const delivered = dm === undefined ? undefined : ctx.store.deliveries.sentTo(paper.id, dm.id);
  const card = toCard(paper, delivered?.matched ?? []);
  const facts = [`#${paper.id}`, `▲ ${paper.upvotes}`, paper.publishedOn, paper.organization, paper.authorCount === null ? null : plural(paper.authorCount, "author")];
  const lines = [
    facts.filter((fact): fact is string => fact !== null).join(" · "),
    [card.url, card.arxivUrl].filter((url): url is string => url !== null).join("  "),
    paper.tldr === "" ? "" : `TL;DR: ${paper.tldr}`,
    `Abstract: ${paper.abstract}`,
    paper.keywords.length > 0 ? `Keywords: ${paper.keywords.join(", ")}` : "",
    paper.authors.length > 0 ? `Authors: ${paper.authors.slice(0, 20).join(", ")}${paper.authors.length > 20 ? ", …" : ""}` : "",
    paper.githubRepo === null ? "" : `Code: ${paper.githubRepo}`,
    card.matched.length > 0 ? `Matched: ${card.matched.join(", ")}` : "",
  ];
  return { ...textReply(lines.filter((line) => line !== "").join("\n")), heading: paper.title };
}

/** Autocomplete for `show` and `unsubscribe`: titles (or subscriptions) starting with what is typed. */
export async function suggestPapers(ctx: CommandContext, typed: string): Promise<{ name: string; value: string }[]> {
  const words = typed.replace(/[^\p{L}\p{N}\s]/gu, " ").trim().split(/\s+/).filter(Boolean).slice(0, 6);
  // A word still being typed is a prefix; one too short for a prefix search narrows the titles here.
  const last = words[words.length - 1] ?? "";
  const short = [...last].length < QUERY_BOUNDS.minPrefixLetters;
  const terms = words.map((w, i) => (i < words.length - 1 ? `title:${w}` : short ? "" : `title:${w}*`)).filter(Boolean);
  let papers: Paper[];
  if (terms.length === 0) {
    papers = ctx.store.papers.latest(short && last !== "" ? 100 : 25);
  } else {
    const found = await ctx.searcher.search(terms.join(" "), { limit: short ? 100 : 25, offset: 0 });
    papers = found.ok ? found.results.map((h) => h.paper) : [];
  }
  if (short && last !== "") {
    const start = new RegExp(`(^|[^\\p{L}\\p{N}])${last}`, "iu");
    papers = papers.filter((p) => start.test(p.title));
  }
  return papers.slice(0, 25).map((p) => ({ name: p.title.slice(0, 100), value: String(p.id) }));
}
