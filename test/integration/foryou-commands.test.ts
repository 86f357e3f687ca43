import { afterEach, describe, expect, it } from "vitest";
import { deliverPending, runCycle, type App } from "../../src/app.js";
import { personalRanking } from "../../src/recommend/index.js";
import { consoleHarness } from "../helpers/console.js";
import { SAMPLES, tempDataDir, testApp } from "../helpers/env.js";

let app: App | undefined;
afterEach(() => app?.close());

async function primed(now = "2025-12-20T12:00:00Z", samples: readonly string[] = SAMPLES) {
  const t = testApp(tempDataDir(), now);
  app = t.app;
  const h = consoleHarness(t.app);
  for (const sample of samples) h.drop(sample);
  await runCycle(t.app, t.clock.now());
  h.take();
  const idOf = (title: string): number => {
    const paper = t.app.store.papers.findByTitle(title);
    if (paper === undefined) throw new Error(`no paper ${title}`);
    return paper.id;
  };
  return { ...t, h, idOf };
}

describe("for you through the console", () => {
  it("GIVEN two likes THEN foryou asks for one more; GIVEN a third THEN it ranks unrated papers with a reason each", async () => {
    const { h, idOf } = await primed();
    const liked = ["Accurate Block Quantization in LLMs with Outliers", "NUPES : Non-Uniform Post-Training Quantization via Power Exponent Search"].map(idOf);
    for (const id of liked) expect(await h.chat(`/papers like ${id}`)).toMatch(/^You liked/);
    expect(await h.chat("/papers foryou days:all")).toMatch(/I need 1 more liked or saved paper/);
    const third = idOf("ABQ-LLM: Arbitrary-Bit Quantized Inference Acceleration for Large Language Models");
    expect(await h.chat(`/papers save ${third}`)).toMatch(/^Saved/);
    const out = await h.chat("/papers foryou days:all limit:5");
    expect(out.split("\n")[0]).toMatch(/^For you: 5 of the whole history/);
    const ids = [...out.matchAll(/\[#(\d+)\]/g)].map((m) => Number(m[1]));
    expect(ids).toHaveLength(5);
    for (const id of [...liked, third]) expect(ids).not.toContain(id);
    expect(out.match(/matched: (like “|for: )/g)).toHaveLength(5);
    expect(out).toMatch(/Quantiz/);
  });

  it("GIVEN a like changed to a dislike THEN the reply says so, and another person's feedback is not theirs", async () => {
    const { h } = await primed();
    await h.chat("/papers like 3", { user: "ada" });
    expect(await h.chat("/papers dislike 3", { user: "ada" })).toMatch(/changed from like to dislike/);
    expect(await h.chat("/papers saved", { user: "bob" })).toMatch(/no saved papers/);
    await h.chat("/papers save 3", { user: "ada" });
    expect(await h.chat("/papers saved", { user: "ada" })).toMatch(/\[#3\]/);
    expect(await h.chat("/papers saved", { user: "bob" })).toMatch(/no saved papers/);
  });

  it("GIVEN a paper THEN similar lists its sibling first with the words they share", async () => {
    const { h } = await primed();
    const out = await h.chat("/papers similar Lightning Attention-2 limit:2");
    expect(out.split("\n")[1]).toContain("Various Lengths, Constant Speed");
    expect(out).toMatch(/shares: .*lightning/);
  });

  it("GIVEN saved papers THEN format:bibtex prints one entry each and cite gives one paper's entry", async () => {
    const { h } = await primed();
    await h.chat("/papers save 1");
    await h.chat("/papers save 2");
    const out = await h.chat("/papers saved format:bibtex");
    expect(out).toMatch(/── saved-papers\.bib ──/);
    expect(out.match(/@misc\{/g)).toHaveLength(2);
    expect(await h.chat("/papers cite 1")).toMatch(/@misc\{\w+2023gated,\n {2}title = \{Gated Linear Attention Transformers with Hardware-Efficient Training\}/);
    expect(await h.chat("/papers cite 1 format:text")).toMatch(/^5 authors \(2023\)\. Gated Linear Attention/);
  });

  it("GIVEN subscriptions, feedback and saved papers THEN forget-me deletes them all and says what it deleted", async () => {
    const { h } = await primed();
    await h.chat('/papers subscribe "vector graphics" dm instant');
    await h.chat("/papers subscribe foryou daily");
    await h.chat("/papers like 1");
    await h.chat("/papers dislike 2");
    await h.chat("/papers save 3");
    expect(await h.chat("/papers subscriptions")).toMatch(/foryou {2}your top 5 \(DM, daily\)/);
    expect(await h.chat("/papers forget-me")).toMatch(/Deleted 2 subscriptions, 2 likes or dislikes, 1 saved paper, 0 pending direct messages/);
    expect(await h.chat("/papers subscriptions")).toMatch(/No subscriptions yet/);
    expect(await h.chat("/papers saved")).toMatch(/no saved papers/);
    expect(await h.chat("/papers forget-me")).toMatch(/Deleted 0 subscriptions, 0 likes or dislikes, 0 saved papers/);
  });

  it("GIVEN help THEN the new commands are listed", async () => {
    const { h } = await primed();
    const out = await h.chat("/papers help");
    for (const name of ["like", "dislike", "save", "unsave", "similar", "foryou", "saved", "cite", "forget-me"]) expect(out).toContain(`/papers ${name}`);
  });

  it("GIVEN a for-you subscription THEN the next ingest's top 5 for that person reach their DMs at the digest time, each with its reason", async () => {
    const { h, idOf, clock, app: a } = await primed("2025-12-20T12:00:00Z", SAMPLES.slice(0, 3));
    for (const title of ["Accurate Block Quantization in LLMs with Outliers", "8-bit Optimizers via Block-wise Quantization", "Blockwise Compression of Transformer-based Models without Retraining"]) {
      await h.chat(`/papers like ${idOf(title)}`);
      await h.chat(`/papers like ${idOf(title)}`, { user: "cy" });
    }
    await h.chat("/papers subscribe foryou daily");
    await h.chat("/papers subscribe foryou daily", { user: "bob" });
    await h.chat("/papers subscribe foryou daily", { user: "cy" });
    h.drop(SAMPLES[3] ?? "");
    await runCycle(a, clock.now());
    // cy leaves before the digest time: the pending DMs go with everything else
    expect(await h.chat("/papers forget-me", { user: "cy" })).toMatch(/Deleted 1 subscription, 3 likes or dislikes, 0 saved papers, [1-5] pending direct messages?\./);
    clock.advance(2 * 86_400_000);
    await deliverPending(a, clock.now());
    const printed = h.take();
    const toAda = printed.split("── ").filter((part) => part.startsWith("@ada"));
    expect(toAda).toHaveLength(1);
    const cards = toAda[0]?.match(/\[#\d+\]/g) ?? [];
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.length).toBeLessThanOrEqual(5);
    expect(toAda[0]?.match(/matched: for you: (like “|for: )/g)).toHaveLength(cards.length);
    // bob liked nothing: his model has nothing to learn from, so nothing is sent to him
    expect(printed).not.toMatch(/── @bob/);
    expect(printed).not.toMatch(/── @cy/);
  });
  it("GIVEN new papers planned in two chunks, the better ones last THEN the waiting for-you digest holds the top 5 of both, as if planned at once", async () => {
    const { h, idOf, clock, app: a } = await primed("2025-12-20T12:00:00Z", SAMPLES.slice(0, 3));
    for (const title of ["Accurate Block Quantization in LLMs with Outliers", "8-bit Optimizers via Block-wise Quantization", "Blockwise Compression of Transformer-based Models without Retraining"]) {
      await h.chat(`/papers like ${idOf(title)}`);
    }
    await h.chat("/papers subscribe foryou daily");
    const [sub] = a.store.people.forYouSubscribers();
    if (sub === undefined) throw new Error("no for-you subscription");
    const all = Array.from({ length: a.store.papers.count() }, (_, i) => i + 1);
    const ranked = personalRanking(a.store, { platform: "console", id: "ada" }, { among: all }, all.length);
    if ("needed" in ranked) throw new Error("three likes should be enough");
    const order = ranked.papers.map(({ paper }) => paper.id);
    const best = order.slice(0, 5);
    a.plan(order.slice(5), clock.now());
    expect(a.store.people.pendingForYou(sub.destinationId).sort((x, y) => x - y)).toEqual(order.slice(5, 10).sort((x, y) => x - y));
    a.plan(best, clock.now());
    expect(a.store.people.pendingForYou(sub.destinationId).sort((x, y) => x - y)).toEqual([...best].sort((x, y) => x - y));
    clock.advance(2 * 86_400_000);
    await deliverPending(a, clock.now());
    const toAda = h.take().split("── ").filter((part) => part.startsWith("@ada"));
    expect(toAda).toHaveLength(1);
    expect((toAda[0]?.match(/\[#\d+\]/g) ?? []).map((m) => Number(m.slice(2, -1))).sort((x, y) => x - y)).toEqual([...best].sort((x, y) => x - y));
  });
});
