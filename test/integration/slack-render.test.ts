/** Block Kit rendering of digests and replies: Slack's limits, fallback text, and inert dump text. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chunk, escapeMrkdwn, link, truncate } from "../../src/adapters/slack/mrkdwn.js";
import { cardBlocks, PAGE_ACTION_PREFIX, renderDigest, renderReply, SLACK_LIMITS } from "../../src/adapters/slack/render.js";
import type { DigestMessage, PaperCard, Reply } from "../../src/messages/index.js";
import { checkMessage } from "../fakes/slack/index.js";
import { mrkdwnTexts } from "./slack-harness.js";

const HOSTILE = "<!channel> @everyone <@U123> & <https://evil|x>";

function card(id: number, over: Partial<PaperCard> = {}): PaperCard {
  return {
    paperId: id,
    title: `Paper ${id}`,
    tldr: `Summary of paper ${id}.`,
    upvotes: id,
    publishedOn: "2025-12-01",
    organization: "openbmb OpenBMB",
    authorCount: 5,
    url: `https://huggingface.co/papers/2501.0000${id % 10}`,
    arxivUrl: `https://arxiv.org/abs/2501.0000${id % 10}`,
    githubUrl: null,
    projectUrl: null,
    keywords: [],
    matched: [],
    ...over,
  };
}

const digest = (cards: PaperCard[], footer: string | null = null): DigestMessage => ({
  heading: `Daily Papers · 2025-12-20 · ${cards.length} new papers`,
  date: "2025-12-20",
  cards,
  footer,
});

/** Every string in a rendered message, wherever it sits in the JSON. */
function allText(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allText);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(allText);
  return [];
}

/** The texts of a rich text block's elements, in order. */
function richTexts(block: unknown): string[] {
  const sections = (block as { elements?: { elements?: { text?: string }[] }[] }).elements ?? [];
  return sections.flatMap((section) => (section.elements ?? []).map((el) => el.text ?? ""));
}

function expectValid(messages: { text: string; blocks: unknown[] }[]): void {
  for (const m of messages) {
    expect(checkMessage(m)).toEqual({ ok: true, warnings: [] });
    expect(m.text.trim()).not.toBe("");
    expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  }
}

describe("mrkdwn escaping", () => {
  it("GIVEN Slack's control characters THEN they become entities and nothing else changes", () => {
    expect(escapeMrkdwn("a & b < c > d")).toBe("a &amp; b &lt; c &gt; d");
    expect(escapeMrkdwn("&amp;")).toBe("&amp;amp;");
    expect(escapeMrkdwn("ok\u202e\u0007")).toBe("ok");
  });

  it("GIVEN a title with | or a javascript: URL THEN the link label has no | and only http(s) links", () => {
    expect(link("https://x.org/a", "A | B")).toBe("<https://x.org/a|A ¦ B>");
    expect(link("javascript:alert(1)", "t")).toBe("t");
    expect(link("https://x.org/?a=1&b=<2>|", "t")).toBe("<https://x.org/?a=1&amp;b=%3C2%3E%7C|t>");
  });

  it("GIVEN a cut inside an entity or a long text THEN truncate and chunk keep entities whole", () => {
    expect(truncate("abc&amp;def", 6)).toBe("abc…");
    const parts = chunk(escapeMrkdwn("x & y ".repeat(2_000)), 3_000);
    expect(parts.every((p) => p.length <= 3_000 && !/&[a-z]{0,3}$/.test(p))).toBe(true);
    expect(parts.join(" ").replace(/\s+/g, " ").trim()).toBe(escapeMrkdwn("x & y ".repeat(2_000)).trim());
  });
});

describe("digests in Block Kit", () => {
  it("GIVEN a hostile title, TL;DR, organisation and match THEN no mention, broadcast or link survives anywhere", () => {
    const hostile = card(1, { title: HOSTILE, tldr: HOSTILE, organization: HOSTILE, matched: [HOSTILE] });
    const messages = renderDigest(digest([hostile], HOSTILE));
    expectValid(messages);
    // Slack parses mentions and links only in mrkdwn objects and the fallback text: there, nothing survives.
    const parsed = [...mrkdwnTexts(messages), ...messages.map((m) => m.text)];
    expect(parsed.length).toBeGreaterThan(messages.length);
    for (const text of parsed) {
      expect(text).not.toMatch(/<[!@#]/);
      expect(text).not.toContain("<https://evil");
    }
    // Everywhere else the dump text is plain or rich text, which Slack shows exactly as written.
    const literal = allText(messages).filter((t) => t.includes("<!channel>"));
    expect(literal.length).toBeGreaterThan(0);
    const [title, ctx] = cardBlocks(hostile);
    expect(richTexts(title)).toEqual([HOSTILE, `\n${HOSTILE}`]);
    expect(ctx).toMatchObject({ type: "context", elements: [{ type: "plain_text", text: expect.stringContaining(HOSTILE) }, expect.anything(), { type: "plain_text" }] });
    expect(JSON.stringify(messages)).toContain('"verbatim":true');
  });

  it("GIVEN a card THEN a linked title with the TL;DR, then a context line with upvotes, date, org, authors and match", () => {
    const [title, ctx] = cardBlocks(card(7, { matched: ["linear attention"] }));
    expect(title).toEqual({
      type: "rich_text",
      elements: [{ type: "rich_text_section", elements: [
        { type: "link", url: "https://huggingface.co/papers/2501.00007", text: "Paper 7", style: { bold: true } },
        { type: "text", text: "\nSummary of paper 7." },
      ] }],
    });
    expect(ctx).toEqual({ type: "context", elements: [
      { type: "plain_text", text: "▲ 7 · #7 · 2025-12-01 · openbmb OpenBMB · 5 authors", emoji: false },
      { type: "mrkdwn", text: "<https://arxiv.org/abs/2501.00007|arXiv>", verbatim: true },
      { type: "plain_text", text: "matched: linear attention", emoji: false },
    ] });
  });

  it("GIVEN 25 cards and a footer THEN two balanced messages within 50 blocks, feedback buttons under each card, each with fallback text", () => {
    const messages = renderDigest(digest(Array.from({ length: 25 }, (_, i) => card(i + 1)), "Subscriptions: diffusion"));
    expectValid(messages);
    // each card: section, context and its 👍 👎 🔖 actions
    expect(messages.map((m) => m.blocks.length)).toEqual([1 + 13 * 3, 1 + 12 * 3 + 1]);
    expect(messages[0]?.blocks[3]).toMatchObject({ type: "actions", elements: [{ value: "fb:like:1" }, { value: "fb:dislike:1" }, { value: "fb:save:1" }] });
    expect(messages[0]?.blocks[0]).toMatchObject({ type: "header" });
    expect(messages[1]?.text).toContain("(2/2)");
    expect(messages[0]?.text).toContain("• Paper 1");
  });

  it("GIVEN enormous fields THEN every limit holds (section 3,000, header 150, context 10)", () => {
    const huge = "word ".repeat(2_000);
    const messages = renderDigest({ ...digest([card(1, { title: huge, tldr: huge, organization: huge, matched: [huge] })], huge), heading: huge });
    expectValid(messages);
    expect(messages[0]?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });
});

describe("replies in Block Kit", () => {
  const page: Reply = {
    heading: "Results 1–5 of 12 for diffusion",
    text: "",
    cards: [1, 2, 3, 4, 5].map((i) => card(i)),
    buttons: [
      { id: "pg:abc:0:5:diffusion", label: "◀ Previous", disabled: true },
      { id: "pg:abc:5:5:diffusion", label: "Next ▶" },
    ],
    ephemeral: true,
  };

  it("GIVEN page buttons THEN enabled ones become buttons whose value is the button id", () => {
    const [message] = renderReply(page);
    expectValid(renderReply(page));
    const actions = message?.blocks.at(-1);
    expect(actions).toEqual({
      type: "actions",
      elements: [{ type: "button", action_id: `${PAGE_ACTION_PREFIX}0`, text: { type: "plain_text", text: "Next ▶", emoji: true }, value: "pg:abc:5:5:diffusion" }],
    });
    expect(message?.text).toBe("Results 1–5 of 12 for diffusion");
  });

  it("GIVEN 25 cards and a long text THEN the cards go compact and everything fits one message", () => {
    const reply: Reply = { ...page, text: "An abstract. ".repeat(1_000), cards: Array.from({ length: 25 }, (_, i) => card(i + 1)) };
    const messages = renderReply(reply);
    expectValid(messages);
    expect(messages).toHaveLength(1);
  });

  it("GIVEN a text-only usage reply THEN placeholders show literally (plain text) and the fallback is its first line, escaped", () => {
    const [message] = renderReply({ text: "Bad query.\nUsage: /papers search query:<text>", cards: [], buttons: [], ephemeral: true });
    expect(message?.blocks).toEqual([{ type: "section", text: { type: "plain_text", text: "Bad query.\nUsage: /papers search query:<text>", emoji: false } }]);
    expect(message?.text).toBe("Bad query. Usage: /papers search query:&lt;text&gt;");
  });
});

describe("the Slack app manifest", () => {
  it("GIVEN slack/manifest.yml THEN it declares /papers, the scopes the adapter uses, interactivity and Socket Mode", () => {
    const manifest = readFileSync(join(import.meta.dirname, "../../slack/manifest.yml"), "utf8");
    expect(manifest).toMatch(/- command: \/papers\n(?:.*\n)*?\s+should_escape: false/);
    const scopes = /bot:\n((?:\s+(?:#.*|- .*)\n)+)/.exec(manifest)?.[1]?.match(/- (\S+)/g)?.map((s) => s.slice(2));
    expect(scopes?.sort()).toEqual([
      "channels:history", "channels:read", "chat:write", "chat:write.public", "commands", "groups:history", "groups:read", "im:history", "im:write",
      "mpim:history", "users:read",
    ]);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toContain("socket_mode_enabled: true");
    expect(manifest).toContain("/slack/events");
  });
});
