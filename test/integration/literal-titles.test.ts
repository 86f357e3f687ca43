/** A title reads as its literal text on every platform: no markup it did not ask for, no invisible controls. */
import { describe, expect, it } from "vitest";
import { renderCard } from "../../src/adapters/console/render.js";
import { cardEmbed } from "../../src/adapters/discord/render.js";
import { cardBlocks, renderReply } from "../../src/adapters/slack/render.js";
import type { PaperCard } from "../../src/messages/index.js";

const MARKUP = "*Bold* _Italic_ ~Strike~ `Code` Title";
/** Right-to-left mark, Arabic letter mark, zero-width joiner, right-to-left override, zero-width space, left-to-right isolate. */
const INVISIBLE = ["\u200F", "\u061C", "\u200D", "\u202E", "\u200B", "\u2066"];
const DIRTY = `${INVISIBLE[0]}*Bold*${INVISIBLE[1]} _Italic_ ~Str${INVISIBLE[2]}ike~ ${INVISIBLE[3]}\`Code\`${INVISIBLE[4]} Title${INVISIBLE[5]}`;

function card(title: string, tldr = "A summary with *stars* and _underscores_."): PaperCard {
  return {
    paperId: 3,
    title,
    tldr,
    upvotes: 4,
    publishedOn: "2025-12-01",
    organization: `~org~${INVISIBLE[0]}`,
    authorCount: 2,
    url: "https://huggingface.co/papers/2501.00001",
    arxivUrl: "https://arxiv.org/abs/2501.00001",
    githubUrl: null,
    projectUrl: null,
    keywords: [],
    matched: ["*stars*"],
  };
}

/** Every text object of the given type, wherever it sits. */
function textsOfType(value: unknown, type: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => textsOfType(v, type));
  if (typeof value !== "object" || value === null) return [];
  const object = value as Record<string, unknown>;
  const own = object["type"] === type && typeof object["text"] === "string" ? [object["text"]] : [];
  return [...own, ...Object.values(object).flatMap((v) => textsOfType(v, type))];
}

function hasInvisible(text: string): boolean {
  return INVISIBLE.some((c) => text.includes(c));
}

describe("titles on Slack", () => {
  it("GIVEN a title with *, _, ~ and backticks and invisible controls THEN it is rich text, literal, with the controls gone", () => {
    const blocks = cardBlocks(card(DIRTY));
    expect(textsOfType(blocks, "link")).toEqual([MARKUP]);
    expect(textsOfType(blocks, "text")).toEqual(["\nA summary with *stars* and _underscores_."]);
    expect(textsOfType(blocks, "plain_text")).toEqual(["▲ 4 · #3 · 2025-12-01 · ~org~ · 2 authors", "matched: *stars*"]);
    // The only mrkdwn left is the arXiv link we write ourselves.
    expect(textsOfType(blocks, "mrkdwn")).toEqual(["<https://arxiv.org/abs/2501.00001|arXiv>"]);
  });

  it("GIVEN the compact form and a reply THEN title, heading and text stay literal too", () => {
    const compact = cardBlocks(card(DIRTY), true);
    expect(compact).toHaveLength(1);
    expect(textsOfType(compact, "mrkdwn")).toEqual([]);
    expect(textsOfType(compact, "link")[0]).toBe(MARKUP);
    const [message] = renderReply({ heading: DIRTY, text: `Details: ${DIRTY}`, cards: [], buttons: [], ephemeral: true });
    expect(textsOfType(message?.blocks, "mrkdwn")).toEqual([]);
    expect(textsOfType(message?.blocks, "text")).toEqual([MARKUP]);
    expect(textsOfType(message?.blocks, "plain_text")).toEqual([`Details: ${MARKUP}`]);
    expect(hasInvisible(JSON.stringify(message))).toBe(false);
  });
});

describe("titles on Discord and the console", () => {
  it("GIVEN the same title THEN Discord escapes its markdown (shown literally) and drops the controls", () => {
    const embed = cardEmbed(card(DIRTY), 300);
    expect(embed.title).toBe("\\*Bold\\* \\_Italic\\_ \\~Strike\\~ \\`Code\\` Title");
    expect(hasInvisible(JSON.stringify(embed))).toBe(false);
  });

  it("GIVEN the same title THEN the console prints it as written, without the controls", () => {
    const text = renderCard(card(DIRTY), 1);
    expect(text.split("\n")[0]).toBe(`1. ${MARKUP}  [#3]`);
    expect(hasInvisible(text)).toBe(false);
  });
});
