import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { deliveryStatus, openApp, runCycle, type App } from "../../src/app.js";
import { fixedClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config/index.js";
import { silentLogger } from "../../src/log.js";
import { runBot } from "../../src/main.js";
import { paperbot } from "../helpers/cli.js";
import { consoleHarness } from "../helpers/console.js";
import { SAMPLES, tempDataDir } from "../helpers/env.js";

const opened: App[] = [];
afterEach(() => {
  for (const app of opened.splice(0)) app.close();
});

const WEBHOOK = "https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz";
const NOW = "2025-12-20T12:00:00Z";

/** An app on `dir` with this config file (JSON), as `paperbot` would open it. */
function appWith(dir: string, file: object | null, options: { readOnly?: boolean } = {}): App {
  const env: Record<string, string> = { PAPERBOT_DATA_DIR: dir };
  if (file !== null) {
    writeFileSync(join(dir, "paperbot.json"), JSON.stringify(file));
    env["PAPERBOT_CONFIG"] = join(dir, "paperbot.json");
  }
  const app = openApp(loadConfig(env, dir), silentLogger, fixedClock(NOW), options);
  opened.push(app);
  return app;
}

function rowsByPlatform(app: App): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of app.store.deliveries.list({ limit: 10_000 })) counts[`${row.platform} ${row.state}`] = (counts[`${row.platform} ${row.state}`] ?? 0) + 1;
  return counts;
}

describe("deliveries no one will send", () => {
  it("GIVEN only a Discord webhook configured THEN nothing is queued for the console, rows queued earlier are skipped with a reason, and pending means will be sent", async () => {
    const dir = tempDataDir();
    // A store that queued console rows while the console was the platform (no publisher ran them).
    const consoleOnly = appWith(dir, null);
    const h = consoleHarness(consoleOnly);
    consoleOnly.publishers.clear();
    h.drop(SAMPLES[0] ?? "");
    await runCycle(consoleOnly, consoleOnly.clock.now());
    expect(rowsByPlatform(consoleOnly)).toEqual({ "console pending": 5 });
    consoleOnly.close();

    const app = appWith(dir, { channels: [{ platform: "discord", webhookUrl: WEBHOOK, schedule: "instant" }] });
    expect(app.runningPlatforms).toEqual(["discord"]);
    expect(deliveryStatus(app.store, app.runningPlatforms).deliveries).toMatchObject({ pending: 0, held: 5 });
    consoleHarness(app).drop(SAMPLES[1] ?? "");
    app.publishers.clear();
    await runCycle(app, app.clock.now());
    expect(rowsByPlatform(app)).toEqual({ "console pending": 5, "discord pending": 53 });
    expect(deliveryStatus(app.store, app.runningPlatforms).deliveries).toMatchObject({ pending: 53, held: 5 });
    const metrics = await app.metrics.text();
    expect(metrics).toContain('paperbot_deliveries{state="held",platform="console"} 5');
    expect(metrics).toContain('paperbot_deliveries{state="pending",platform="discord"} 53');
    expect(metrics).not.toContain('paperbot_deliveries{state="pending",platform="console"}');

    const config = app.config;
    expect(await runBot(app, config, silentLogger, { once: true, write: () => {}, adapters: [], stopSignal: new Promise(() => {}) })).toBe(0);
    const after = appWith(dir, { channels: [{ platform: "discord", webhookUrl: WEBHOOK, schedule: "instant" }] });
    expect(rowsByPlatform(after)).toMatchObject({ "console skipped": 5 });
    const skipped = after.store.deliveries.list({ state: "skipped", limit: 1 })[0];
    expect(skipped?.lastError).toBe("not sent: its platform does not run with the current configuration");
    expect(deliveryStatus(after.store, after.runningPlatforms).deliveries).toMatchObject({ held: 0, skipped: 5 });
  });
});

describe("config-declared channels", () => {
  it("GIVEN a channel removed from the config THEN it is disabled with the reason, while slash-command channels keep theirs", async () => {
    const dir = tempDataDir();
    const first = appWith(dir, { console: { channels: ["papers", "news"] }, channels: [{ platform: "discord", webhookUrl: WEBHOOK }] });
    expect(await consoleHarness(first).chat("/papers channel set daily 10:00", { channel: "lab", admin: true })).toMatch(/^This channel now gets/u);
    first.close();

    const second = appWith(dir, { console: { channels: ["papers"] } });
    const state = Object.fromEntries(second.store.destinations.all().map((d) => [`${d.platform} ${d.kind === "webhook" ? "webhook" : d.address}`, [d.status, d.statusReason]]));
    expect(state).toEqual({
      "console papers": ["active", null],
      "console news": ["disabled", "removed from the config"],
      "discord webhook": ["disabled", "removed from the config"],
      "console lab": ["active", null],
    });
    second.close();
    const status = paperbot(["status"], { PAPERBOT_DATA_DIR: dir, PAPERBOT_CONFIG: join(dir, "paperbot.json") });
    expect(status.stdout).toContain("\n  console   channel  news       instant      DISABLED: removed from the config\n");

    const third = appWith(dir, { console: { channels: ["papers", "news"] } });
    expect(third.store.destinations.find("console", "channel", "news")?.status).toBe("active");
  });

  it("GIVEN status with a config that declares a new channel THEN nothing is written: the channel is not in the database", () => {
    const dir = tempDataDir();
    appWith(dir, { console: { channels: ["papers"] } }).close();
    writeFileSync(join(dir, "paperbot.json"), JSON.stringify({ console: { channels: ["papers", "extra"] } }));
    const status = paperbot(["status", "--json"], { PAPERBOT_DATA_DIR: dir, PAPERBOT_CONFIG: join(dir, "paperbot.json") });
    expect(status.code).toBe(0);
    const readOnly = appWith(dir, null, { readOnly: true });
    expect(readOnly.store.destinations.all().map((d) => d.address)).toEqual(["papers"]);
  });
});
