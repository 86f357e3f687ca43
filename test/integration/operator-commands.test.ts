import { afterEach, describe, expect, it } from "vitest";
import { runCycle, type App } from "../../src/app.js";
import { consoleHarness } from "../helpers/console.js";
import { SAMPLES, tempDataDir, testApp } from "../helpers/env.js";

let app: App | undefined;
afterEach(() => app?.close());

async function primed(env: Record<string, string> = {}) {
  const t = testApp(tempDataDir(), "2025-12-20T12:00:00Z", env);
  app = t.app;
  const h = consoleHarness(t.app);
  for (const sample of SAMPLES) h.drop(sample);
  await runCycle(t.app, t.clock.now());
  h.take();
  return { ...t, h };
}

describe("small things a new user notices", () => {
  it("GIVEN a channel with its own time zone, or none THEN channel show names the zone once", async () => {
    const { h } = await primed();
    await h.chat("/papers channel set daily 09:00 Europe/Berlin", { admin: true });
    expect((await h.chat("/papers channel show")).split("\n")[0]).toBe("This channel gets new papers: daily 09:00 Europe/Berlin.");
    await h.chat("/papers channel set weekly fri 10:00", { channel: "other", admin: true });
    expect((await h.chat("/papers channel show", { channel: "other" })).split("\n")[0]).toBe(
      "This channel gets new papers: weekly fri 10:00 UTC (the bot's time zone).",
    );
  });

  it("GIVEN a mistyped subcommand THEN the reply says which one was meant", async () => {
    const { h } = await primed();
    expect(await h.chat("/papers serch diffusion")).toMatch(/^unknown subcommand "serch" \(did you mean "search"\?\)\nUsage:/u);
    expect(await h.chat("/papers chanel show")).toMatch(/^unknown subcommand "chanel" \(did you mean "channel"\?\)/u);
    expect(await h.chat("/papers channel shwo")).toMatch(/^unknown "channel" subcommand "shwo" \(did you mean "show"\?\)/u);
  });

  it("GIVEN one paper asked for THEN the heading is singular", async () => {
    const { h } = await primed();
    expect((await h.chat("/papers latest 1")).split("\n")[0]).toBe("The latest paper");
    expect((await h.chat("/papers latest 2")).split("\n")[0]).toBe("The 2 latest papers");
  });
});

describe("subscribing", () => {
  it("GIVEN the same person subscribing twice to the same query THEN they are told which subscription they already have", async () => {
    const { h } = await primed();
    expect(await h.chat('/papers subscribe "flow matching" dm daily')).toMatch(/^Subscribed \(#1\)/u);
    expect(await h.chat('/papers subscribe  "Flow Matching"  dm weekly')).toBe(
      'You already have #1: "flow matching" (DM, daily). To change it, /papers unsubscribe 1 and subscribe again.\n',
    );
    expect(await h.chat('/papers subscribe "flow matching" dm', { user: "grace" })).toMatch(/^Subscribed \(#2\)/u);
  });

  it("GIVEN /papers subscribe with hourly or email THEN it is refused with the allowed words and nothing is stored", async () => {
    const { h, app: a } = await primed();
    expect(await h.chat('/papers subscribe "flow matching" dm hourly')).toMatch(/^"hourly" is not a choice here: use rhythm instant, daily, weekly/u);
    expect(await h.chat('/papers subscribe "flow matching" email')).toMatch(/^"email" is not a choice here: use delivery dm, channel; rhythm/u);
    expect(a.store.subscriptions.count()).toBe(0);
  });
});

describe("/papers show", () => {
  it("GIVEN a paper id THEN the paper is printed once: title, links, TL;DR, abstract, keywords, in that order", async () => {
    const { h, app: a } = await primed();
    const paper = a.store.papers.findByTitle("Gated Linear Attention Transformers with Hardware-Efficient Training");
    const out = await h.chat(`/papers show ${paper?.id ?? 0}`);
    expect(out.split(paper?.title ?? "?")).toHaveLength(2);
    const order = ["Gated Linear Attention Transformers", "https://huggingface.co/papers?q=", "TL;DR: ", "Abstract: ", "Keywords: "].map((part) => out.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(out.split(paper?.tldr ?? "?").length).toBe(2);
  });

  it("GIVEN a title several papers match THEN the candidates are listed instead of one picked", async () => {
    const { h } = await primed();
    const out = await h.chat("/papers show attention");
    expect(out).toMatch(/^Several papers match "attention"; say which with \/papers show <id>:\n#\d+ {2}\S/u);
    expect(out.trimEnd().split("\n")).toHaveLength(6);
    expect(await h.chat("/papers show Gated Linear Attention Transformers with Hardware Efficient Training")).toMatch(/^Gated Linear Attention Transformers with Hardware-Efficient Training\n#\d+ · ▲/u);
  });
});

describe("since: and undated papers", () => {
  it("GIVEN a paper without a date THEN since: counts it from the day it was first seen, in search and in subscriptions alike, and help says so", async () => {
    const t = testApp(tempDataDir(), "2025-12-20T12:00:00Z");
    app = t.app;
    const h = consoleHarness(t.app);
    const { writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    expect(await h.chat("/papers subscribe zebrafish since:2025-12-20 dm instant")).toMatch(/^Subscribed/u);
    writeFileSync(
      join(t.app.config.inboxDir, "undated.txt"),
      "Daily Papers\n\nDec 20\n\nZebrafish Undated Study\n\nWe study zebrafish without a date line in the capture, long enough to be an abstract.\n\n" +
        "Zebrafish Dated Study\n\nWe study zebrafish with a date line, long enough to be an abstract as well.\n\n  • 3 authors\n·\nMar 3, 2024 4\n",
    );
    await runCycle(t.app, t.clock.now());
    expect(t.app.store.papers.findByTitle("Zebrafish Undated Study")?.publishedOn).toBeNull();
    const toAda = t.app.store.deliveries.list({ limit: 50 }).filter((row) => row.kind === "dm").map((row) => row.title);
    expect(toAda).toEqual(["Zebrafish Undated Study"]);
    const actor = { platform: "console", userId: "ada", userName: "ada", channelId: "papers", workspaceId: null, isAdmin: false };
    const titles = async (query: string): Promise<string[]> => (await t.app.commands.runText(actor, `/papers search ${query}`)).reply.cards.map((c) => c.title);
    expect(await titles("zebrafish since:2025-12-20")).toEqual(["Zebrafish Undated Study"]);
    expect(await titles("zebrafish since:2025-12-21")).toEqual([]);
    expect((await titles("zebrafish since:2024-01-01")).sort()).toEqual(["Zebrafish Dated Study", "Zebrafish Undated Study"]);
    expect(await h.chat("/papers help")).toContain("a paper without a date counts from the day paperbot first saw it");
  });
});

describe("clearing a channel's settings", () => {
  it("GIVEN a filter and a minimum THEN channel set instant keeps them, filter:none and min_upvotes:0 clear them, and show says what persists", async () => {
    const { h, app: a } = await primed();
    const admin = { channel: "lab", admin: true };
    await h.chat("/papers channel set daily 09:00 Europe/Berlin min_upvotes:3 filter:diffusion OR video", admin);
    await h.chat("/papers channel set instant", admin);
    const settings = () => {
      const d = a.store.destinations.find("console", "channel", "lab");
      return [d?.schedule, d?.timeZone, d?.minUpvotes, d?.filter];
    };
    expect(settings()).toEqual(["instant", "Europe/Berlin", 3, "diffusion OR video"]);
    await h.chat("/papers channel set filter:none", admin);
    expect(settings()).toEqual(["instant", "Europe/Berlin", 3, null]);
    await h.chat("/papers channel set min_upvotes:0", admin);
    expect(settings()).toEqual(["instant", "Europe/Berlin", 0, null]);
    expect(a.commands.validate("channel set", { filter: "none" }).ok).toBe(true);
    const shown = await h.chat("/papers channel show", { channel: "lab" });
    expect(shown).toBe(
      "This channel gets new papers: instant.\nEach setting stays until changed: /papers channel set changes only what it names (filter:none and min_upvotes:0 clear one), /papers channel off stops the digest.\n",
    );
  });
});
