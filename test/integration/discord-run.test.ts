import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDiscordAdapter } from "../../src/adapters/discord/index.js";
import { platformAdapters } from "../../src/adapters/index.js";
import { openApp, runCycle, platformDeps } from "../../src/app.js";
import { fixedClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config/index.js";
import { isPaperbotError } from "../../src/errors.js";
import { createLogger } from "../../src/log.js";
import { runBot } from "../../src/main.js";
import { FakeDiscord } from "../fakes/discord/index.js";
import { tempDataDir, testApp } from "../helpers/env.js";
import { NOW } from "./discord-harness.js";

function configFile(dataDir: string, config: object): string {
  const path = join(dataDir, "paperbot.json");
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe("Discord in `paperbot run`", () => {
  let fake: FakeDiscord;
  beforeEach(async () => {
    fake = await FakeDiscord.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  it("GIVEN DISCORD_TOKEN and the API URL THEN run --once connects (Guilds intent only), posts the first digest and never logs the token", async () => {
    const dataDir = tempDataDir({ samples: true });
    const env = {
      PAPERBOT_DATA_DIR: dataDir,
      PAPERBOT_CONFIG: configFile(dataDir, { channels: [{ platform: "discord", id: fake.defaultChannelId, schedule: "instant" }] }),
      DISCORD_TOKEN: fake.token,
      PAPERBOT_DISCORD_API_URL: fake.apiUrl,
    };
    const config = loadConfig(env, dataDir);
    const lines: string[] = [];
    // No secrets handed to the logger: the token must not be logged in the first place.
    const log = createLogger((line) => lines.push(line), { level: "debug", secrets: [] });
    const app = openApp(config, log, fixedClock(NOW));
    const code = await runBot(app, config, log, { once: true, write: () => {}, adapters: await platformAdapters(config), stopSignal: new Promise(() => {}) });
    expect(code).toBe(0);
    expect(fake.identifies.map((i) => i.intents)).toEqual([1]);
    expect(fake.messagesIn(fake.defaultChannelId).reduce((n, m) => n + m.embeds.length, 0)).toBe(10);
    expect(lines.join("")).toContain("discord connected");
    expect(lines.join("")).not.toContain(fake.token);
    expect(fake.gateway.connectedSessions()).toBe(0);
  });

  it("GIVEN a wrong token THEN start fails with one clear error that does not contain the token", async () => {
    const { app } = testApp(tempDataDir(), NOW, { DISCORD_TOKEN: "not-the-token-4f9c2", PAPERBOT_DISCORD_API_URL: fake.apiUrl });
    try {
      const error = await createDiscordAdapter(platformDeps(app, "discord"), { client: { rest: { timeout: 2000 } } })?.start().catch((e: unknown) => e);
      expect(isPaperbotError(error) && error.code).toBe("PLATFORM_REFUSED");
      expect(String((error as Error).message)).toMatch(/^cannot connect to Discord/);
      expect(String((error as Error).message)).not.toContain("not-the-token-4f9c2");
    } finally {
      app.close();
    }
  });

  it("GIVEN only a Discord webhook URL (no token) THEN a token-less adapter posts through it, and disables it once deleted (10015)", async () => {
    const feed = fake.addChannel("feed");
    const hook = fake.createWebhook(feed);
    const dataDir = tempDataDir({ samples: true });
    const { app, clock } = testApp(dataDir, NOW, {
      PAPERBOT_CONFIG: configFile(dataDir, { channels: [{ platform: "discord", webhookUrl: hook.url, schedule: "instant" }] }),
    });
    const adapter = createDiscordAdapter(platformDeps(app, "discord"));
    try {
      expect(adapter?.name).toBe("discord (webhooks only)");
      await adapter?.start();
      if (adapter) app.publishers.set(adapter.publisher.platform, adapter.publisher);
      await runCycle(app, clock.now());
      expect(fake.messagesIn(feed).map((m) => [m.meta.via, m.embeds.length])).toEqual([["webhook", 10]]);
      expect(fake.identifies).toHaveLength(0);
      fake.discordErrorNext({ path: /^\/webhooks\// }, 10015);
      writeFileSync(join(app.config.inboxDir, "later.txt"), "Daily Papers\n\nDec 20\n\nA Study of Capybara Sociality\n\nCapybaras are social.\n");
      await runCycle(app, clock.now());
      const webhook = app.store.destinations.all().find((d) => d.kind === "webhook");
      expect(webhook).toMatchObject({ status: "disabled" });
      expect(webhook?.statusReason).toContain("10015");
    } finally {
      await adapter?.stop();
      app.close();
    }
  });

  it("GIVEN neither a token nor a Discord webhook THEN there is no Discord adapter", () => {
    const { app } = testApp(tempDataDir());
    expect(createDiscordAdapter(platformDeps(app, "discord"))).toBeNull();
    app.close();
  });
});
