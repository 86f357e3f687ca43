import { afterEach, describe, expect, it } from "vitest";
import { runCycle, type App } from "../../src/app.js";
import { cardEmbed } from "../../src/adapters/discord/render.js";
import { toCard } from "../../src/messages/index.js";
import { consoleHarness } from "../helpers/console.js";
import { SAMPLES, tempDataDir, testApp } from "../helpers/env.js";

let app: App | undefined;
afterEach(() => app?.close());

describe("every card has a link", () => {
  it("GIVEN the text samples (no arXiv ids) THEN every digest card links to a title search on Hugging Face Papers", async () => {
    const t = testApp(tempDataDir());
    app = t.app;
    const h = consoleHarness(t.app);
    for (const sample of SAMPLES) h.drop(sample);
    await runCycle(t.app, t.clock.now());
    const cards = h.take().split(/\n(?=\d+\. )/u).slice(1);
    expect(cards).toHaveLength(10);
    for (const card of cards) expect(card).toMatch(/\n {3}https:\/\/huggingface\.co\/papers\?q=\S+/u);
    for (const paper of t.app.store.papers.latest(200)) {
      const embed = cardEmbed(toCard(paper), 200);
      expect(embed.url).toMatch(/^https:\/\/huggingface\.co\/papers\?q=/u);
      expect(embed.description).toContain("[Find on Hugging Face](https://huggingface.co/papers?q=");
    }
  });
});
