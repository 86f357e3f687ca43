/**
 * Graceful shutdown of the real bot process (`node bin/paperbot run`, built into dist/) while it
 * delivers to a fake Discord: SIGTERM or SIGINT stops it promptly with exit 0, every row is `sent`
 * or back to `pending` (none left `sending`), the database closes cleanly, and the next start sends
 * the rest exactly once. A second signal while stopping ends it at once; a fatal error in the
 * process is one log line and a clean stop with exit code 70.
 */
import { existsSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord/index.js";
import { tempDataDir } from "../helpers/env.js";
import { startBot as startBotProcess, until as pollUntil, type Bot } from "../helpers/processes.js";
import { titlesOf, writeDump, type DumpPaper } from "./discord-harness.js";

const CHANNELS = 10;
/** 12 papers in digests of 2: six messages per channel, so each channel's sixth waits out Discord's 5 per 5 s. */
const PAPERS: DumpPaper[] = Array.from({ length: 12 }, (_, i) => {
  const a = ["Sparse", "Lattice", "Spectral", "Quantized", "Residual", "Routed", "Distilled", "Curriculum", "Verified", "Sampled", "Pruned", "Latent", "Tensor"];
  const b = ["protein", "weather", "music", "legal", "robot", "chemistry", "satellite", "traffic", "medical", "finance", "ocean", "speech", "genome"];
  const c = ["kernels", "priors", "critics", "planners", "decoders", "routers", "verifiers", "samplers", "encoders", "graphs", "fields", "agents", "maps"];
  const pick = (list: string[], k: number): string => list[(i * k) % list.length] ?? "x";
  return {
    title: `${pick(a, 1)} ${pick(b, 5)} ${pick(c, 7)} at scale ${i + 1}`,
    abstract: `We combine ${pick(b, 3)} ${pick(c, 11)} with ${pick(a, 2)} ${pick(b, 9)} training and report gains on ${i + 3} benchmarks.`,
    upvotes: 100 - i,
  };
});
const TITLES = PAPERS.map((p) => p.title).sort();
const STOP_WITHIN_MS = 10_000;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startBot(env: Record<string, string>, options: { args?: string[]; execArgv?: string[] } = {}): Bot {
  const bot = startBotProcess(env, options);
  cleanups.push(() => bot.kill());
  return bot;
}

function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return pollUntil(condition, what, timeoutMs, 50);
}

/** A fake Discord with CHANNELS channels, a data dir with one dump, and the bot's environment. */
async function world() {
  const fake = await FakeDiscord.start({ guilds: [{ name: "Lab", channels: Array.from({ length: CHANNELS }, (_, i) => ({ name: `feed-${i}` })) }] });
  cleanups.push(() => fake.close());
  const channels = fake.world.guildChannels(fake.defaultGuildId).map((c) => c.id);
  const dataDir = tempDataDir();
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = {
    channels: channels.map((id) => ({ platform: "discord", id, schedule: "instant" })),
    deliveryCron: "* * * * * *",
    digest: { firstRunLimit: 100, maxPapersPerDigest: 2 },
  };
  writeFileSync(join(dataDir, "paperbot.json"), JSON.stringify(config));
  writeDump(join(dataDir, "inbox"), "2025-12-20.txt", PAPERS);
  const env = {
    PAPERBOT_DATA_DIR: dataDir,
    PAPERBOT_CONFIG: join(dataDir, "paperbot.json"),
    DISCORD_TOKEN: fake.token,
    PAPERBOT_DISCORD_API_URL: fake.apiUrl,
  };
  const dbPath = join(dataDir, "paperbot.db");
  const posted = (): number => channels.reduce((n, id) => n + fake.messagesIn(id).length, 0);
  return { fake, channels, env, dbPath, posted };
}

/** The outbox as another process sees it (opened and closed each time, so the bot stays the last connection). */
function outbox(dbPath: string): { states: Record<string, number>; integrity: string } {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db.prepare(`SELECT d.state, count(*) AS n FROM deliveries d JOIN destinations t ON t.id = d.destination_id
      WHERE t.platform = 'discord' GROUP BY d.state`).all() as { state: string; n: number }[];
    return { states: Object.fromEntries(rows.map((r) => [r.state, r.n])), integrity: db.pragma("integrity_check", { simple: true }) as string };
  } finally {
    db.close();
  }
}

function expectClosedCleanly(dbPath: string): void {
  const { states, integrity } = outbox(dbPath);
  expect(integrity).toBe("ok");
  expect(states["sending"] ?? 0).toBe(0);
  expect((states["sent"] ?? 0) + (states["pending"] ?? 0)).toBe(CHANNELS * PAPERS.length);
  // The last connection to close checkpoints the WAL into the database and removes it.
  const wal = `${dbPath}-wal`;
  expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
}

/** Every paper in every channel exactly once. */
function expectExactlyOnce(fake: FakeDiscord, channels: readonly string[]): void {
  for (const channel of channels) expect(titlesOf(fake.messagesIn(channel)).sort()).toEqual(TITLES);
}

describe("graceful shutdown of `paperbot run`", () => {
  it("GIVEN the bot delivering (paced, with some 429s) WHEN it gets SIGTERM THEN it exits 0 within 10 s, no row is left sending, and the next start (stopped by SIGINT) sends the rest exactly once", async () => {
    const w = await world();
    w.fake.rateLimitNext({ route: "POST /channels/:channelId/messages" }, { retryAfter: 1, times: 6 });
    const first = startBot(w.env);
    await until(() => w.posted() >= 25, "25 messages posted");
    const asked = Date.now();
    first.child.kill("SIGTERM");
    const end = await first.exited;
    expect(end).toMatchObject({ code: 0, signal: null });
    expect(end.at - asked).toBeLessThan(STOP_WITHIN_MS);
    expect(first.stderr()).toContain("SIGTERM received, stopping");
    expect(first.stderr()).not.toMatch(/ error |internal error|\n\s+at /);
    expectClosedCleanly(w.dbPath);
    const { states } = outbox(w.dbPath);
    expect(states["pending"] ?? 0).toBeGreaterThan(0);
    const postedBefore = w.posted();
    expect(postedBefore).toBeLessThan(CHANNELS * 6);

    const second = startBot(w.env);
    await until(() => (outbox(w.dbPath).states["sent"] ?? 0) === CHANNELS * PAPERS.length, "every row sent after the restart", 40_000);
    const asked2 = Date.now();
    second.child.kill("SIGINT");
    const end2 = await second.exited;
    expect(end2).toMatchObject({ code: 0, signal: null });
    expect(end2.at - asked2).toBeLessThan(STOP_WITHIN_MS);
    expect(second.stderr()).toContain("SIGINT received, stopping");
    expectClosedCleanly(w.dbPath);
    expectExactlyOnce(w.fake, w.channels);
  }, 60_000);

  it("GIVEN the bot stopping, with a send held up by a long 429 WHEN a second SIGTERM comes THEN it exits at once, and a later `run --once` sends the rest exactly once", async () => {
    const w = await world();
    const bot = startBot(w.env);
    await until(() => w.posted() >= 10, "10 messages posted");
    // Every further post is held up by a 5 s rate limit, so the stop has in-flight sends to drain.
    w.fake.rateLimitNext({ route: "POST /channels/:channelId/messages" }, { retryAfter: 5, times: 1_000 });
    await sleep(200);
    bot.child.kill("SIGTERM");
    await until(() => bot.stderr().includes("SIGTERM received, stopping"), "the first signal logged", 5_000);
    // A repeat within half a second is the same request (npm forwarding a Ctrl+C); this one is a second request.
    await sleep(700);
    const asked = Date.now();
    bot.child.kill("SIGTERM");
    const end = await bot.exited;
    expect(end.signal).toBe("SIGTERM");
    expect(end.at - asked).toBeLessThan(1_500);
    expect(bot.stderr()).toContain("SIGTERM received again while stopping: exiting now");
    w.fake.failures.clear();

    const once = startBot(w.env, { args: ["--once"] });
    const done = await once.exited;
    expect(done).toMatchObject({ code: 0, signal: null });
    expectClosedCleanly(w.dbPath);
    expect(outbox(w.dbPath).states).toEqual({ sent: CHANNELS * PAPERS.length });
    expectExactlyOnce(w.fake, w.channels);
  }, 60_000);

  it("GIVEN the bot stopping, with a send held up by a long 429 WHEN the same SIGINT comes again 100 ms later (a Ctrl+C under npm, forwarded) THEN it is one request: a clean stop with exit 0", async () => {
    const w = await world();
    const bot = startBot(w.env);
    await until(() => w.posted() >= 10, "10 messages posted");
    w.fake.rateLimitNext({ route: "POST /channels/:channelId/messages" }, { retryAfter: 5, times: 1_000 });
    await sleep(200);
    bot.child.kill("SIGINT");
    await sleep(100);
    bot.child.kill("SIGINT");
    const end = await bot.exited;
    expect(end).toMatchObject({ code: 0, signal: null });
    expect(bot.stderr().match(/SIGINT received, stopping/g)).toHaveLength(1);
    expect(bot.stderr()).not.toContain("again while stopping");
    expectClosedCleanly(w.dbPath);
  }, 30_000);

  // discord.js keeps retrying a request that sits out 429s after the client is destroyed; bin/paperbot
  // ends the process a second after `run` has returned and closed the store.
  it("GIVEN a send stuck behind 20 s 429s WHEN SIGTERM THEN the bot still exits 0 within 10 s", async () => {
    const w = await world();
    const bot = startBot(w.env);
    await until(() => w.posted() >= 10, "10 messages posted");
    w.fake.rateLimitNext({ route: "POST /channels/:channelId/messages" }, { retryAfter: 20, times: 1_000 });
    await sleep(300);
    const asked = Date.now();
    bot.child.kill("SIGTERM");
    const end = await bot.exited;
    expect(end).toMatchObject({ code: 0, signal: null });
    expect(end.at - asked).toBeLessThan(STOP_WITHIN_MS);
    expectClosedCleanly(w.dbPath);
  }, 30_000);

  // The fault is planted with `node --import` and set off by SIGUSR2 once the bot is delivering.
  it.each([
    ["an unhandled rejection", "process.on('SIGUSR2', () => { Promise.reject(new Error('injected fault')); })", "injected fault"],
    ["an uncaught exception", "process.on('SIGUSR2', () => setImmediate(() => { throw new Error('injected crash'); }))", "injected crash"],
  ])("GIVEN %s in the running bot THEN it is logged as one line and the bot stops cleanly with exit code 70", async (_what, code, message) => {
    const w = await world();
    const bot = startBot(w.env, { execArgv: ["--import", `data:text/javascript,${encodeURIComponent(code)}`] });
    await until(() => w.posted() >= 10, "10 messages posted");
    bot.child.kill("SIGUSR2");
    const end = await bot.exited;
    expect(end).toMatchObject({ code: 70, signal: null });
    const lines = bot.stderr().split("\n").filter((line) => line.includes(message));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(` error +internal error: ${message}; stopping$`));
    expect(bot.stderr()).not.toMatch(/\n\s+at /);
    expect(bot.stderr()).toContain("internal error, stopping");
    expectClosedCleanly(w.dbPath);
  }, 30_000);
});
