import { afterEach, describe, expect, it } from "vitest";
import { runCycle, type App } from "../../src/app.js";
import { PAGE_TOKEN_PREFIX, PAPERS_COMMAND, allPaths, type Actor } from "../../src/commands/index.js";
import { consoleHarness } from "../helpers/console.js";
import { SAMPLES, tempDataDir, testApp } from "../helpers/env.js";

let app: App | undefined;
afterEach(() => app?.close());

const ADA: Actor = { platform: "console", userId: "ada", userName: "ada", channelId: "papers", workspaceId: null, isAdmin: false };

async function primed(): Promise<App> {
  app = testApp(tempDataDir()).app;
  const h = consoleHarness(app);
  for (const sample of SAMPLES.slice(0, 3)) h.drop(sample);
  await runCycle(app, app.clock.now());
  return app;
}

describe("the command service", () => {
  it("GIVEN the command definitions THEN the slow subcommands are exactly those declared slow", () => {
    app = testApp(tempDataDir()).app;
    const { commands } = app;
    const declared = PAPERS_COMMAND.subcommands.filter((s) => "slow" in s && s.slow).map((s) => s.name);
    expect(declared).toEqual(["search", "latest", "show", "subscribe", "similar", "foryou", "saved"]);
    expect(allPaths().filter((p) => commands.isSlow(p))).toEqual(declared);
  });

  it("GIVEN a search with more results than a page THEN its buttons are page tokens the service answers", async () => {
    const { commands } = await primed();
    const first = await commands.runText(ADA, "/papers search model limit:2");
    const next = first.reply.buttons.find((b) => b.label.startsWith("Next"));
    expect(next?.id.startsWith(PAGE_TOKEN_PREFIX)).toBe(true);
    expect(commands.isPageToken(next?.id ?? "")).toBe(true);
    expect(commands.isPageToken("something-else")).toBe(false);
    expect((await commands.page(ADA, next?.id ?? "")).heading).toMatch(/^Results 3–4 of \d+ for model$/);
  });

  it("GIVEN a paper known by its arXiv id THEN show finds it by id, by abs or pdf URL and by its Hugging Face page", async () => {
    const a = await primed();
    const paper = a.store.papers.latest(200).find((p) => p.arxivId !== null);
    const id = paper?.arxivId ?? "2401.01234";
    a.store.transaction(() => {
      if (paper === undefined) {
        const any = a.store.papers.latest(1)[0];
        if (any !== undefined) a.store.papers.update({ ...any, arxivId: id });
      }
    });
    const expected = a.store.papers.findByArxivId(id)?.title;
    expect(expected).toBeDefined();
    for (const ref of [id, `${id}v3`, `https://arxiv.org/abs/${id}v2`, `https://arxiv.org/pdf/${id}.pdf`, `https://huggingface.co/papers/${id}`]) {
      expect((await a.commands.runText(ADA, `/papers show ${ref}`)).reply.heading).toBe(expected);
    }
  });
});
