import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { platformAdapters } from "../../src/adapters/index.js";
import { silentLogger } from "../../src/log.js";
import { runBot } from "../../src/main.js";
import { FakeSlack } from "../fakes/slack/index.js";
import { tempDataDir, testApp } from "../helpers/env.js";

let fake: FakeSlack;
beforeEach(async () => {
  fake = await FakeSlack.start();
});
afterEach(async () => {
  await fake.close();
});

describe("Slack incoming webhooks without a bot token", () => {
  it("GIVEN only a webhook destination in the config THEN run --once posts the digest there, escaped", async () => {
    const dir = tempDataDir({ samples: true });
    const configPath = join(dir, "paperbot.json");
    writeFileSync(configPath, JSON.stringify({ channels: [{ platform: "slack", webhookUrl: fake.webhookUrl, schedule: "instant" }] }));
    const { app, config } = testApp(dir, "2025-12-20T12:00:00Z", { PAPERBOT_CONFIG: configPath });
    expect(config.slack).toBeNull();
    const adapters = await platformAdapters(config);
    expect(adapters).toHaveLength(1);
    const printed: string[] = [];
    const code = await runBot(app, config, silentLogger, {
      once: true,
      write: (text) => printed.push(text),
      adapters,
      stopSignal: new Promise(() => undefined),
    });
    expect(code).toBe(0);
    expect(printed).toEqual([]);
    const posted = fake.messagesIn(fake.webhookChannel);
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.every((m) => typeof m.text === "string" && m.text.length > 0)).toBe(true);
    expect(JSON.stringify(posted.map((m) => m.blocks))).toContain("Addition is All You Need");
  });
});
