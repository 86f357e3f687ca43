/**
 * Operating the running bot: JSON logs, /healthz and /metrics over real HTTP, and platforms that
 * cannot be reached at start (retried while the rest runs) or refuse the token (the start stops).
 * The bot talks to the fake Discord and Slack through discord.js and bolt.
 */
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { platformAdapters } from "../../src/adapters/index.js";
import { openApp } from "../../src/app.js";
import { systemClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config/index.js";
import { createLogger } from "../../src/log.js";
import { runBot } from "../../src/main.js";
import { FakeDiscord } from "../fakes/discord/index.js";
import { FakeSlack } from "../fakes/slack/index.js";
import { REPO, tempDataDir } from "../helpers/env.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function dataDirWith(config: unknown): { dir: string; env: Record<string, string> } {
  const dir = tempDataDir({ samples: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "paperbot.json"), JSON.stringify(config));
  return { dir, env: { PAPERBOT_DATA_DIR: dir, PAPERBOT_CONFIG: join(dir, "paperbot.json") } };
}

/** `node bin/paperbot run` with only this environment; stderr collected. */
function spawnBot(env: Record<string, string>) {
  const child = spawn(process.execPath, [join(REPO, "bin", "paperbot"), "run"], { cwd: REPO, env: { PATH: process.env["PATH"] ?? "", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  });
  return { child, stderr: () => stderr, exited };
}

function metric(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the running bot, observed", () => {
  it("GIVEN PAPERBOT_LOG_FORMAT=json at debug level and the fake Discord THEN stderr is JSON lines without the token, /healthz is 200 and /metrics counts the scan and the sends", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    const { env } = dataDirWith({ channels: [{ platform: "discord", id: fake.defaultChannelId, schedule: "instant" }] });
    const bot = spawnBot({ ...env, DISCORD_TOKEN: fake.token, PAPERBOT_DISCORD_API_URL: fake.apiUrl, PAPERBOT_HTTP_PORT: "0", PAPERBOT_LOG_FORMAT: "json", PAPERBOT_LOG_LEVEL: "debug" });
    const url = await until(() => /"msg":"health and metrics on (http:\/\/[^ ]+) /.exec(bot.stderr())?.[1], "the health server's address");
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await until(() => fake.messagesIn(fake.defaultChannelId).length > 0, "the first digest");
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "ok", platforms: { discord: "connected" } });
    const text = await until(async () => {
      const body = await (await fetch(`${url}/metrics`)).text();
      return (metric(body, 'paperbot_deliveries{state="sent",platform="discord"}') ?? 0) >= 10 && body;
    }, "10 sent deliveries in /metrics");
    expect(text).toContain("# HELP paperbot_dumps_total");
    expect(text).toContain("# TYPE paperbot_send_latency_seconds histogram");
    expect(metric(text, 'paperbot_dumps_total{status="ingested"}')).toBe(4);
    expect(metric(text, 'paperbot_dumps_total{status="rejected"}')).toBe(0);
    expect(metric(text, "paperbot_new_papers_total")).toBeGreaterThan(50);
    expect(metric(text, 'paperbot_delivery_sends_total{platform="discord",outcome="sent"}')).toBeGreaterThanOrEqual(1);
    expect(metric(text, 'paperbot_send_latency_seconds_count{platform="discord"}')).toBeGreaterThanOrEqual(1);
    expect(metric(text, "paperbot_last_successful_scan_timestamp_seconds")).toBeGreaterThan(Date.now() / 1000 - 120);
    expect(metric(text, 'paperbot_platform_connected{platform="discord"}')).toBe(1);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    const lines = bot.stderr().trimEnd().split("\n");
    const entries = lines.map((l) => JSON.parse(l) as { level: string; msg: string; time: string });
    for (const e of entries) expect(Object.keys(e)).toEqual(expect.arrayContaining(["level", "time", "msg"]));
    const debug = entries.filter((e) => e.level === "debug").map((e) => e.msg);
    expect(debug.some((m) => m.startsWith("inbox scan: "))).toBe(true);
    expect(debug.some((m) => m.startsWith('cron inbox scan: scheduled "*/10 * * * *" (UTC), next run '))).toBe(true);
    expect(debug.some((m) => m.startsWith("delivery pass: "))).toBe(true);
    expect(debug.some((m) => m.startsWith("discord: "))).toBe(true);
    expect(bot.stderr()).not.toContain(fake.token);
  }, 60_000);

  it("GIVEN the Discord API answering 5xx at start THEN the bot logs and retries with backoff while the scan runs, /healthz says 503 naming discord, and once Discord is back it connects and delivers", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    fake.serverErrorNext({ route: "GET /gateway/bot" }, 1_000, 503);
    const { dir, env } = dataDirWith({ channels: [{ platform: "discord", id: fake.defaultChannelId, schedule: "instant" }], httpPort: 0 });
    const config = loadConfig({ ...env, DISCORD_TOKEN: fake.token, PAPERBOT_DISCORD_API_URL: fake.apiUrl }, dir);
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l), { level: "info", secrets: config.secrets, format: "json" });
    const app = openApp(config, log, systemClock);
    let stop: (signal: string) => void = () => {};
    const running = runBot(app, config, log, {
      once: false, write: () => {}, adapters: await platformAdapters(config),
      stopSignal: new Promise((resolve) => (stop = resolve)), retry: { firstMs: 300, capMs: 600 },
    });
    const url = await until(() => /"msg":"health and metrics on (http:\/\/[^ ]+) /.exec(lines.join(""))?.[1], "the health server");
    await until(() => lines.some((l) => l.includes("watching ")), "the scheduler running");
    await until(() => lines.filter((l) => /discord unreachable: cannot connect to Discord: 503 .*; retrying in \d+\.\d s/.test(l)).length >= 2, "two retries logged");
    const down = await fetch(`${url}/healthz`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { reasons: string[] };
    expect(body.reasons).toHaveLength(1);
    expect(body.reasons[0]).toMatch(/^discord retrying: cannot connect to Discord: .*503/);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metric(metrics, 'paperbot_dumps_total{status="ingested"}')).toBe(4);
    expect(metric(metrics, 'paperbot_platform_connected{platform="discord"}')).toBe(0);
    expect(fake.messagesIn(fake.defaultChannelId)).toHaveLength(0);
    fake.failures.clear();
    await until(() => lines.some((l) => /"msg":"discord connected \(attempt \d+\)"/.test(l)), "discord connected after retrying");
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await until(() => fake.messagesIn(fake.defaultChannelId).length > 0, "the digest posted once connected", 45_000);
    stop("SIGTERM");
    expect(await running).toBe(0);
  }, 90_000);

  it("GIVEN Slack unreachable (connection refused) and Discord fine THEN Discord connects and posts while Slack is still being tried, and /healthz names slack", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    const port = await closedPort();
    const { dir, env } = dataDirWith({ channels: [{ platform: "discord", id: fake.defaultChannelId, schedule: "instant" }], httpPort: 0 });
    const config = loadConfig({
      ...env, DISCORD_TOKEN: fake.token, PAPERBOT_DISCORD_API_URL: fake.apiUrl,
      SLACK_BOT_TOKEN: "xoxb-fake-bot-token", SLACK_APP_TOKEN: "xapp-1-fake", PAPERBOT_SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
    }, dir);
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l), { level: "info", secrets: config.secrets, format: "json" });
    const app = openApp(config, log, systemClock);
    let stop: (signal: string) => void = () => {};
    const running = runBot(app, config, log, {
      once: false, write: () => {}, adapters: await platformAdapters(config),
      stopSignal: new Promise((resolve) => (stop = resolve)), retry: { firstMs: 300, capMs: 600, graceMs: 1_000 },
    });
    await until(() => fake.messagesIn(fake.defaultChannelId).length > 0, "Discord's digest while Slack is down");
    const url = await until(() => /"msg":"health and metrics on (http:\/\/[^ ]+) /.exec(lines.join(""))?.[1], "the health server");
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ platforms: { discord: "connected" }, reasons: [expect.stringMatching(/^slack (connecting|retrying)/)] });
    stop("SIGTERM");
    expect(await running).toBe(0);
  }, 60_000);

  it.each([
    ["Discord", "DISCORD_TOKEN"],
    ["Slack", "SLACK_BOT_TOKEN"],
  ])("GIVEN %s refusing the token THEN `paperbot run` stops with exit 1 and one line naming %s, no stack", async (platform, setting) => {
    const discord = await FakeDiscord.start();
    cleanups.push(() => discord.close());
    const slack = await FakeSlack.start();
    cleanups.push(() => slack.close());
    const { env } = dataDirWith({});
    const bot = spawnBot({
      ...env,
      DISCORD_TOKEN: platform === "Discord" ? "MTI5.refused.token-value-x" : discord.token, PAPERBOT_DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: platform === "Slack" ? "xoxb-refused-token" : slack.botToken, SLACK_APP_TOKEN: slack.appToken, PAPERBOT_SLACK_API_URL: slack.apiUrl,
    });
    const end = await bot.exited;
    expect(end).toEqual({ code: 1, signal: null });
    const errors = bot.stderr().split("\n").filter((l) => l.startsWith("paperbot: "));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`refused|invalid_auth`));
    expect(errors[0]?.endsWith(`(${setting})`)).toBe(true);
    expect(bot.stderr()).not.toMatch(/\n\s+at /);
  }, 60_000);
});
