import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fit, inert } from "../../src/adapters/discord/inert.js";
import { nonceFor, parseWebhookUrl } from "../../src/adapters/discord/publisher.js";
import { commandPayload } from "../../src/adapters/discord/registration.js";
import { embedSize, renderDigest, renderReply, type DiscordMessage } from "../../src/adapters/discord/render.js";
import type { DigestMessage, PaperCard } from "../../src/messages/index.js";
import { validateMessage } from "../fakes/discord/index.js";
import { computePings } from "../fakes/discord/mentions.js";

const HOSTILE = "@everyone <@&123> **bold** <@42> @here [x](https://evil.example) # Heading";

function card(overrides: Partial<PaperCard> = {}): PaperCard {
  return {
    paperId: 7,
    title: "Leveraging ASIC AI Chips for Homomorphic Encryption",
    tldr: "Homomorphic encryption on TPUs, fast.",
    upvotes: 12,
    publishedOn: "2024-09-04",
    organization: "Google",
    authorCount: 5,
    url: "https://huggingface.co/papers/2409.01234",
    arxivUrl: "https://arxiv.org/abs/2409.01234",
    githubUrl: null,
    projectUrl: null,
    keywords: [],
    matched: [],
    ...overrides,
  };
}

function digest(cards: PaperCard[], footer: string | null = null): DigestMessage {
  return { heading: `Daily Papers · 2025-12-20 · ${cards.length} new papers`, date: "2025-12-20", cards, footer };
}

/** Everything Discord checks, via the fake's validator, plus our own accounting. */
function expectValid(message: DiscordMessage): void {
  expect(validateMessage(message)).toBeNull();
  expect(message.content.length).toBeLessThanOrEqual(2000);
  expect(message.embeds.length).toBeLessThanOrEqual(10);
  expect(message.embeds.reduce((sum, e) => sum + embedSize(e), 0)).toBeLessThanOrEqual(6000);
  expect(message.allowed_mentions).toEqual({ parse: [] });
}

describe("Discord rendering", () => {
  it("GIVEN a hostile title THEN markdown is escaped, mentions are broken and nothing can ping", () => {
    const [message] = renderDigest(digest([card({ title: HOSTILE, tldr: HOSTILE, organization: "@everyone", matched: ["<@1>"] })]));
    expect(message).toBeDefined();
    if (message === undefined) return;
    expectValid(message);
    const embed = message.embeds[0];
    expect(embed?.title).toContain("@\u200beveryone");
    expect(embed?.title).toContain("<\u200b@&123>");
    expect(embed?.title).toContain("\\*\\*bold\\*\\*");
    expect(embed?.title).not.toMatch(/@everyone|@here|<@/);
    expect(embed?.description).not.toMatch(/@everyone|@here|<@/);
    expect(JSON.stringify(embed?.fields)).not.toMatch(/@everyone|<@/);
    expect(computePings(embed?.title, message.allowed_mentions)).toEqual({ everyone: false, users: [], roles: [] });
  });

  it("GIVEN a card with links THEN the title links to the paper's page and the facts are fields", () => {
    const [message] = renderDigest(digest([card({ matched: ["homomorphic", "encryption"] })]));
    const embed = message?.embeds[0];
    expect(embed?.url).toBe("https://huggingface.co/papers/2409.01234");
    expect(embed?.description).toContain("[arXiv](https://arxiv.org/abs/2409.01234)");
    expect(embed?.fields?.map((f) => f.name)).toEqual(["Upvotes", "Published", "Organization", "Authors", "Matched"]);
    expect(embed?.fields?.at(-1)?.value).toBe("homomorphic, encryption");
    expect(embed?.footer?.text).toContain("#7");
  });

  it("GIVEN no arXiv id THEN there is no link, and a hostile URL is never used", () => {
    const [message] = renderDigest(digest([card({ url: null, arxivUrl: "javascript:alert(1)" })]));
    expect(message?.embeds[0]?.url).toBeUndefined();
    expect(message?.embeds[0]?.description ?? "").not.toContain("javascript:");
  });

  it("GIVEN 23 papers THEN the digest is 5 messages of at most 5 embeds (a feedback row each), numbered, footer on the last", () => {
    const cards = Array.from({ length: 23 }, (_, i) => card({ paperId: i + 1, title: `Paper ${i + 1}` }));
    const messages = renderDigest(digest(cards, "Subscriptions: diffusion"));
    expect(messages.map((m) => m.embeds.length)).toEqual([5, 5, 5, 5, 3]);
    expect(messages.map((m) => m.content.split("\n")[0]?.slice(-5))).toEqual(["(1/5)", "(2/5)", "(3/5)", "(4/5)", "(5/5)"]);
    expect(messages[4]?.components.map((row) => row.components.map((b) => b.custom_id))).toEqual(
      [21, 22, 23].map((id) => [`fb:like:${id}`, `fb:dislike:${id}`, `fb:save:${id}`]),
    );
    expect(messages[4]?.content).toContain("Subscriptions: diffusion");
    expect(messages[0]?.content).not.toContain("Subscriptions");
    messages.forEach(expectValid);
  });

  it("GIVEN huge titles, summaries and organisations THEN every field is cut to its limit and 6,000 holds", () => {
    const long = "word ".repeat(2000);
    const cards = Array.from({ length: 10 }, (_, i) =>
      card({ paperId: i, title: `*${long}`, tldr: `_${long}`, organization: long, matched: [long, long], publishedOn: long }),
    );
    const messages = renderDigest(digest(cards));
    expect(messages.length).toBeGreaterThan(1);
    messages.forEach(expectValid);
    for (const embed of messages.flatMap((m) => m.embeds)) {
      expect(embed.title?.length).toBeLessThanOrEqual(256);
      expect(embed.title?.endsWith("…")).toBe(true);
      for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
    }
  });

  it("GIVEN a reply with 25 results THEN it is one valid message: a list embed and the paging buttons", () => {
    const cards = Array.from({ length: 25 }, (_, i) => card({ paperId: i + 1, title: `${"Long title ".repeat(20)}${i}` }));
    const message = renderReply({
      heading: "Results 1–25 of 60 for <@&1> llm",
      text: "",
      cards,
      buttons: [
        { id: "pg:abc:0:25:llm", label: "◀ Previous", disabled: true },
        { id: "pg:abc:25:25:llm", label: "Next ▶" },
      ],
      ephemeral: true,
    });
    expectValid(message);
    expect(message.embeds).toHaveLength(1);
    expect(message.embeds[0]?.description?.split("\n")).toHaveLength(25);
    expect(message.content).toContain("<\u200b@&1>");
    const buttons = message.components[0]?.components ?? [];
    expect(buttons.map((b) => [b.custom_id, b.disabled])).toEqual([["pg:abc:0:25:llm", true], ["pg:abc:25:25:llm", false]]);
  });

  it("GIVEN a show reply with a very long abstract THEN the text moves into an embed and the card still fits", () => {
    const message = renderReply({ heading: HOSTILE, text: `Abstract ${"x".repeat(9000)}`, cards: [card({ tldr: "y".repeat(3000) })], buttons: [], ephemeral: true });
    expectValid(message);
    expect(message.embeds).toHaveLength(2);
    expect(message.embeds[0]?.description?.length).toBeLessThanOrEqual(4096);
  });

  it("GIVEN a text-only reply THEN it is content only; an empty reply still says something", () => {
    expect(renderReply({ text: "Subscribed (#1)", cards: [], buttons: [], ephemeral: true })).toMatchObject({ content: "Subscribed (#1)", embeds: [], components: [] });
    expect(renderReply({ text: "", cards: [], buttons: [], ephemeral: true }).content).not.toBe("");
  });

  it("PROPERTY fit(text, n) never exceeds n and inert text never carries a live mention", () => {
    const hostile = fc.string({ unit: fc.constantFrom("@", "everyone", "here", "<", ">", "&", "*", "_", "\\", "`", "#", " ", "\n", "a", "é", "😀", "\u202e", "\u0000") });
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 300 }), (text, max) => {
        const out = fit(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(inert(text)).not.toMatch(/@(everyone|here)|<@|[\u202e\u0000]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe("Discord payloads", () => {
  it("GIVEN the shared definition THEN /papers registers subcommands, the channel group and typed options", () => {
    const [command] = commandPayload();
    expect(command).toMatchObject({ name: "papers", type: 1, default_member_permissions: null, contexts: [0, 1] });
    const options = command?.options ?? [];
    const search = options.find((o) => o.name === "search") as { type: number; options: Record<string, unknown>[] } | undefined;
    expect(search?.type).toBe(1);
    expect(search?.options[0]).toMatchObject({ name: "query", type: 3, required: true, max_length: 500 });
    expect(search?.options[1]).toMatchObject({ name: "limit", type: 4, min_value: 1, max_value: 25 });
    const group = options.find((o) => o.name === "channel") as { type: number; options: { name: string; options: Record<string, unknown>[] }[] } | undefined;
    expect(group?.type).toBe(2);
    expect(group?.options.map((s) => s.name)).toEqual(["set", "off", "show"]);
    const show = options.find((o) => o.name === "show") as { options: Record<string, unknown>[] } | undefined;
    expect(show?.options[0]).toMatchObject({ autocomplete: true });
    const subscribe = options.find((o) => o.name === "subscribe") as { options: Record<string, unknown>[] } | undefined;
    expect(subscribe?.options[1]).toMatchObject({ name: "delivery", choices: [{ name: "dm", value: "dm" }, { name: "channel", value: "channel" }] });
  });

  it("GIVEN an idempotency key THEN each part has its own stable nonce of at most 25 characters", () => {
    expect(nonceFor("abc", 0)).toBe(nonceFor("abc", 0));
    expect(nonceFor("abc", 0)).not.toBe(nonceFor("abc", 1));
    expect(nonceFor("a".repeat(25), 9).length).toBeLessThanOrEqual(25);
  });

  it("GIVEN webhook URLs THEN the API base, id and token are found; anything else is refused", () => {
    expect(parseWebhookUrl("https://discord.com/api/webhooks/123456789012345678/abcDEF_ghi-jklmnop")).toEqual({
      api: "https://discord.com/api", id: "123456789012345678", token: "abcDEF_ghi-jklmnop",
    });
    expect(parseWebhookUrl("http://127.0.0.1:4000/api/v10/webhooks/123456789/tokentokentoken?wait=true")?.api).toBe("http://127.0.0.1:4000/api");
    expect(parseWebhookUrl("https://example.com/hooks/1/2")).toBeNull();
  });
});
