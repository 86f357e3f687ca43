import { connectionOf } from "../../src/store/sqlite.js";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { runCycle } from "../../src/app.js";
import type { PlatformAdapter } from "../../src/adapters/index.js";
import { FakeDiscord } from "../fakes/discord/index.js";
import { tempDataDir } from "../helpers/env.js";
import { ADMIN, buttonsOf, click, command, discordApp, embedsOf, startAdapter } from "./discord-harness.js";

const ASIC = "Leveraging ASIC AI Chips for Homomorphic Encryption";

describe("Discord /papers against the fake Discord", () => {
  let fake: FakeDiscord;
  let app: App;
  let clock: ReturnType<typeof discordApp>["clock"];
  let adapter: PlatformAdapter | undefined;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    ({ app, clock } = discordApp(fake, tempDataDir({ samples: true })));
    await runCycle(app, clock.now());
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    app?.close();
  });

  it("GIVEN two starts with the same definitions THEN /papers is registered globally once", async () => {
    const first = await startAdapter(app);
    expect(fake.registeredCommands().map((c) => c.name)).toEqual(["papers"]);
    expect(fake.commandRegistrations()).toBe(1);
    await first.stop();
    adapter = await startAdapter(app);
    expect(fake.commandRegistrations()).toBe(1);
    expect(fake.requests.filter((r) => r.route === "GET /applications/:applicationId/commands")).toHaveLength(1);
    const state = JSON.parse(readFileSync(join(app.config.dataDir, "discord-commands.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(state)).toEqual([`${fake.applicationId}/global`]);
  });

  it("GIVEN changed definitions (a different hash) THEN the next start registers again", async () => {
    const path = join(app.config.dataDir, "discord-commands.json");
    const state = JSON.parse(readFileSync(path, "utf8")) as Record<string, { hash: string }>;
    for (const scope of Object.values(state)) scope.hash = "older-definitions";
    writeFileSync(path, JSON.stringify(state));
    await adapter?.stop();
    adapter = await startAdapter(app);
    expect(fake.commandRegistrations()).toBe(2);
  });

  it("GIVEN guild ids in the config THEN /papers is registered in those guilds only", async () => {
    const { app: guildApp } = discordApp(fake, tempDataDir(), { discord: { guildIds: [fake.defaultGuildId] } });
    const other = await startAdapter(guildApp);
    try {
      expect(fake.commandRegistrations(fake.defaultGuildId)).toBe(1);
      expect(fake.registeredCommands(fake.defaultGuildId)[0]?.options).toHaveLength(18);
    } finally {
      await other.stop();
      guildApp.close();
      fake.commands.bulkOverwrite(fake.defaultGuildId, []);
    }
  });

  it("GIVEN /papers search homomorphic encryption THEN the answer comes within 3 s, ephemeral, the ASIC paper on top", async () => {
    const { payload, message } = await command(fake, { subcommand: "search", options: { query: "homomorphic encryption" } });
    const callback = await fake.waitForCallback(payload.id);
    expect(callback.elapsedMs).toBeLessThan(3000);
    expect(callback.ephemeral).toBe(true);
    expect(message.meta.ephemeral).toBe(true);
    expect(embedsOf(message)[0]?.["title"]).toBe(ASIC);
    expect(message.allowedMentions).toEqual({ parse: [] });
  });

  it("GIVEN a result list THEN Next pages to the last page (Next disabled) and Previous comes back", async () => {
    const { message } = await command(fake, { subcommand: "search", options: { query: "model", limit: 10 } });
    const total = Number(/of (\d+)/.exec(message.content)?.[1]);
    expect(total).toBeGreaterThan(20);
    let page = message;
    let pages = 1;
    for (;;) {
      const next = buttonsOf(page).find((b) => String(b["label"]).startsWith("Next"));
      if (next === undefined || next["disabled"] === true) break;
      page = await click(fake, page, String(next["custom_id"]));
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(total / 10));
    expect(page.content).toContain(`of ${total}`);
    expect(page.content).toContain(`–${total} of`);
    const previous = buttonsOf(page).find((b) => String(b["label"]).includes("Previous"));
    expect(previous?.["disabled"]).toBe(false);
    page = await click(fake, page, String(previous?.["custom_id"]));
    expect(page.content).toMatch(new RegExp(`Results ${(pages - 2) * 10 + 1}–`));
  });

  it("GIVEN a page button older than an hour THEN the click says the page has expired", async () => {
    const { message } = await command(fake, { subcommand: "search", options: { query: "model", limit: 5 } });
    const next = buttonsOf(message).find((b) => String(b["label"]).startsWith("Next"));
    clock.advance(2 * 60 * 60_000);
    try {
      const edited = await click(fake, message, String(next?.["custom_id"]));
      expect(edited.content).toMatch(/expired/);
      expect(edited.embeds).toEqual([]);
      expect(edited.components).toEqual([]);
    } finally {
      clock.advance(-2 * 60 * 60_000);
    }
  });

  it("GIVEN typing in show THEN autocomplete suggests matching titles (≤ 25, names ≤ 100)", async () => {
    const payload = fake.dispatchInteraction(fake.autocomplete({ name: "papers", subcommand: "show", focused: { name: "paper", value: "Leveraging AS" } }));
    const callback = await fake.waitForCallback(payload.id);
    const choices = callback.data?.["choices"] as { name: string; value: string }[];
    expect(callback.type).toBe(8);
    expect(choices.map((c) => c.name)).toContain(ASIC);
    expect(choices.length).toBeLessThanOrEqual(25);
    const chosen = choices.find((c) => c.name === ASIC)?.value ?? "";
    const { message } = await command(fake, { subcommand: "show", options: { paper: chosen } });
    expect(message.content).toContain(ASIC);
  });

  it("GIVEN a value outside the definition THEN the person gets the usage, ephemerally", async () => {
    const { message } = await command(fake, { subcommand: "search", options: { query: "x", limit: 99 } });
    expect(message.meta.ephemeral).toBe(true);
    expect(message.content).toContain("limit must be at most 25");
    expect(message.content).toContain("Usage: /papers search");
  });

  it("GIVEN a member without Manage Server THEN channel set is refused and nothing changes", async () => {
    const channelId = fake.addChannel("members-only");
    const { message } = await command(fake, { group: "channel", subcommand: "set", options: { schedule: "instant" }, channelId });
    expect(message.meta.ephemeral).toBe(true);
    expect(message.content).toMatch(/Only people who can manage this server/);
    expect(app.store.destinations.find("discord", "channel", channelId)).toBeUndefined();
  });

  it("GIVEN an admin THEN channel set instant answers publicly and configures the channel", async () => {
    const channelId = fake.addChannel("admins-room");
    const { message } = await command(fake, { group: "channel", subcommand: "set", options: { schedule: "instant" }, channelId, ...ADMIN });
    expect(message.meta.ephemeral).toBe(false);
    expect(message.content).toContain("This channel now gets new papers: instant");
    expect(app.store.destinations.find("discord", "channel", channelId)).toMatchObject({ schedule: "instant", workspace: fake.defaultGuildId });
    const refused = await command(fake, { group: "channel", subcommand: "off", channelId });
    expect(refused.message.content).toMatch(/Only people who can manage/);
    expect(app.store.destinations.find("discord", "channel", channelId)?.digestEnabled).toBe(true);
  });

  it("GIVEN a handler that throws THEN the person is told, ephemerally, to try again", async () => {
    connectionOf(app.store).close();
    const { message } = await command(fake, { subcommand: "subscriptions" });
    expect(message.meta.ephemeral).toBe(true);
    expect(message.content).toBe("Something went wrong; try again.");
  });
});
