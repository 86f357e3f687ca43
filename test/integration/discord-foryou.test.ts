import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { runCycle } from "../../src/app.js";
import type { PlatformAdapter } from "../../src/adapters/index.js";
import { FakeDiscord, type RecordedMessage } from "../fakes/discord/index.js";
import { SAMPLES, tempDataDir } from "../helpers/env.js";
import { ADMIN, buttonsOf, command, discordApp, startAdapter } from "./discord-harness.js";

const CAROL = { id: "1290000000000000778", username: "carol" };
const DAN = { id: "1290000000000000779", username: "dan" };

describe("feedback buttons and for-you commands on Discord", () => {
  let fake: FakeDiscord;
  let app: App;
  let adapter: PlatformAdapter | undefined;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    const t = discordApp(fake, tempDataDir());
    app = t.app;
    adapter = await startAdapter(app);
    await command(fake, { group: "channel", subcommand: "set", options: { schedule: "instant" }, ...ADMIN });
    copyFileSync(SAMPLES[3] ?? "", join(app.config.inboxDir, "d.txt"));
    await runCycle(app, t.clock.now());
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    app?.close();
  });

  /** Clicks a button of a digest message as `user`; resolves with the private answer. */
  async function press(message: RecordedMessage, customId: string, user: typeof CAROL): Promise<RecordedMessage> {
    const payload = fake.dispatchInteraction(fake.buttonClick({ customId, messageId: message.id, user }));
    return fake.waitForMessage(payload.channel_id, (m) => m.meta.interactionId === payload.id);
  }

  it("GIVEN a channel digest THEN every card has 👍 👎 🔖, and a click is recorded for the person who clicked, answered privately", async () => {
    const digest = fake.messagesIn(fake.defaultChannelId).filter((m) => m.meta.via !== "interaction");
    expect(digest.length).toBeGreaterThan(0);
    for (const message of digest) {
      const ids = buttonsOf(message).map((b) => String(b["custom_id"]));
      expect(ids.filter((id) => id.startsWith("fb:like:"))).toHaveLength(message.embeds.length);
    }
    const first = digest[0] as RecordedMessage;
    const [like, , save] = buttonsOf(first).map((b) => String(b["custom_id"]));
    const paperId = Number(like?.split(":")[2]);
    const answer = await press(first, like ?? "", CAROL);
    expect(answer.meta.ephemeral).toBe(true);
    expect(answer.content).toMatch(/^You liked “/);
    expect(app.store.people.verdicts({ platform: "discord", id: CAROL.id }).liked).toEqual([paperId]);
    expect(app.store.people.verdicts({ platform: "discord", id: DAN.id }).liked).toEqual([]);
    const saved = await press(first, save ?? "", DAN);
    expect(saved.content).toMatch(/^Saved “/);
    expect(app.store.people.saved({ platform: "discord", id: DAN.id }, 0, 10)).toEqual([paperId]);
    expect(app.store.people.saved({ platform: "discord", id: CAROL.id }, 0, 10)).toEqual([]);
  });

  it("GIVEN saved papers THEN saved format:bibtex answers privately with a .bib attachment", async () => {
    const { message } = await command(fake, { subcommand: "saved", options: { format: "bibtex" }, user: DAN });
    expect(message.meta.ephemeral).toBe(true);
    expect((message.raw.attachments as { filename: string }[]).map((a) => a.filename)).toEqual(["saved-papers.bib"]);
    expect(message.content).toMatch(/1 saved paper as BibTeX/);
  });

  it("GIVEN a search result THEN its cards carry feedback buttons too", async () => {
    const { message } = await command(fake, { subcommand: "search", options: { query: "attention", limit: 3 }, user: CAROL });
    expect(buttonsOf(message).filter((b) => String(b["custom_id"]).startsWith("fb:save:"))).toHaveLength(3);
  });
});
