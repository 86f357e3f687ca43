/** The Code and Project page links on Slack cards, end to end through bolt and the fake Slack. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCycle } from "../../src/app.js";
import { cardBlocks } from "../../src/adapters/slack/render.js";
import { toCard } from "../../src/messages/index.js";
import { checkMessage } from "../fakes/slack/index.js";
import { ADMIN, CHANNEL, mrkdwnTexts, startHarness, type Harness } from "./slack-harness.js";

const LONG = `https://github.com/${"a".repeat(600)}`;

/** A Hugging Face daily_papers entry with the given code and project page. */
function entry(id: string, title: string, githubRepo: string | null, projectPage: string | null) {
  return {
    paper: {
      id,
      title,
      summary: `${title} is studied here. We report what it does on three benchmarks.`,
      authors: [{ name: "Ada Smith" }],
      publishedAt: "2025-12-19T10:00:00.000Z",
      upvotes: 5,
      githubRepo,
      projectPage,
    },
    publishedAt: "2025-12-19T10:00:00.000Z",
  };
}

const DUMP = JSON.stringify([
  entry("2512.01001", "Honest links for sparse retrieval", "https://github.com/example/sparse", "https://example.org/sparse"),
  entry("2512.01002", "Hostile links in a dump", "javascript:alert(1)", "https://evil.example/a|<!channel>&x=<@U1>"),
  entry("2512.01003", "Overlong and spaced links", LONG, "https://example.org/has space"),
]);

/** The mrkdwn of the context line under the card whose title is `title`. */
function linksUnder(blocks: unknown[], title: string): string {
  const at = blocks.findIndex((b) => JSON.stringify(b).includes(`"text":"${title}"`) && (b as { type?: string }).type === "rich_text");
  expect(at).toBeGreaterThanOrEqual(0);
  return mrkdwnTexts(blocks[at + 1]).join(" ");
}

describe("Slack cards link the code and the project page", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness("http");
  });
  afterEach(async () => {
    await h.close();
  });

  it("GIVEN papers with a code repo and a project page, and hostile ones THEN the digest shows Code and Project page links, and no hostile URL becomes a link or a mention", async () => {
    await h.command("channel set instant", ADMIN);
    h.dropDump("daily.json", DUMP);
    await runCycle(h.app, h.app.clock.now());
    const posted = h.fake.messagesIn(CHANNEL);
    expect(posted).toHaveLength(1);
    const [message] = posted;
    if (message === undefined) throw new Error("no digest");
    expect(checkMessage(message)).toEqual({ ok: true, warnings: [] });
    const blocks = message.blocks ?? [];
    expect(linksUnder(blocks, "Honest links for sparse retrieval")).toBe(
      "<https://arxiv.org/abs/2512.01001|arXiv> · <https://github.com/example/sparse|Code> · <https://example.org/sparse|Project page>",
    );
    // The hostile project page stays a link, its Slack control characters encoded; javascript: is no link.
    expect(linksUnder(blocks, "Hostile links in a dump")).toBe(
      "<https://arxiv.org/abs/2512.01002|arXiv> · <https://evil.example/a%7C%3C!channel%3E&amp;x=%3C@U1%3E|Project page>",
    );
    expect(linksUnder(blocks, "Overlong and spaced links")).toBe("<https://arxiv.org/abs/2512.01003|arXiv>");
    for (const text of mrkdwnTexts(blocks)) {
      expect(text).not.toMatch(/<[!@#]|javascript:/);
      expect(text).not.toContain(LONG);
    }
  });

  it("GIVEN a compact card THEN its rich text carries the same links, the hostile ones left out", async () => {
    h.dropDump("daily.json", DUMP);
    await runCycle(h.app, h.app.clock.now());
    const links = (arxivId: string) => {
      const paper = h.app.store.papers.findByArxivId(arxivId);
      if (paper === undefined) throw new Error(`no paper ${arxivId}`);
      const [block] = cardBlocks(toCard(paper), true);
      const elements = (block as { elements: { elements: { type: string; url?: string; text: string }[] }[] }).elements[0]?.elements ?? [];
      return elements.filter((e) => e.type === "link" && !e.url?.startsWith("https://huggingface.co/")).map((e) => `${e.text} ${e.url ?? ""}`);
    };
    expect(links("2512.01001")).toEqual([
      "arXiv https://arxiv.org/abs/2512.01001",
      "Code https://github.com/example/sparse",
      "Project page https://example.org/sparse",
    ]);
    expect(links("2512.01002")).toEqual(["arXiv https://arxiv.org/abs/2512.01002", "Project page https://evil.example/a|<!channel>&x=<@U1>"]);
    expect(links("2512.01003")).toEqual(["arXiv https://arxiv.org/abs/2512.01003"]);
  });
});
