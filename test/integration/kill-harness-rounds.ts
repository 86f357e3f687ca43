/**
 * The kill loop: start the bot, SIGKILL it at a random point while it delivers, start it again,
 * and so on; then one last run that drains the outbox and stops gracefully. And the tally: which
 * (paper, channel) pairs reached the platform how many times.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Outbox, spawnBot, stopBot, writeRefill, type Bot } from "./kill-harness.js";

export interface KillScenario {
  rounds: number;
  random: () => number;
  /** The bot's environment (data dir, config file, platform credentials and URLs). */
  env: Record<string, string>;
  dbPath: string;
  inboxDir: string;
  /** How many messages the fake holds: the first run is killed only once it has posted something. */
  delivered: () => number;
  /** The log line after which the bot runs its startup cycle (ingest, then delivery). */
  connected: RegExp;
  /** Kills land uniformly in [0, maxDelayMs) after `connected`. */
  maxDelayMs: number;
  /** Before a round, when fewer than `below` rows are left to send, a dump of `papers` new papers is added. */
  refill: { below: number; papers: number };
  /** How long the last run may take to send what is left. */
  drainTimeoutMs: number;
}

export interface KillReport {
  kills: number;
  /** Kills after which some outbox rows were left `sending`: the crash hit a digest in flight. */
  killsInFlight: number;
  rowsInFlight: number;
  refills: number;
  /** Milliseconds: the kill rounds together, their start-ups (spawn to `connected`) together, the last run. */
  timing: { rounds: number; startups: number; drain: number };
  /** Every line the bot processes logged, all runs together. */
  logs: string;
  outbox: Outbox;
}

async function until(what: string, bot: Bot, done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (bot.child.exitCode !== null || bot.child.signalCode !== null) throw new Error(`bot exited while waiting for ${what}:\n${bot.output().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${bot.output().slice(-3000)}`);
    await sleep(25);
  }
}

/**
 * The first run is killed only once it has delivered something: a fresh store's first scan plans
 * its outbox after ingesting every dump, so a kill before that is a different (first-run) window.
 */
async function oneRound(s: KillScenario, round: number, timing: KillReport["timing"]): Promise<Bot> {
  const before = s.delivered();
  const started = Date.now();
  const bot = spawnBot(s.env);
  try {
    if (round === 0) await until("the first delivery", bot, () => s.delivered() > before, 30_000);
    else await bot.waitFor(s.connected, 30_000);
    timing.startups += Date.now() - started;
    await sleep(Math.floor(s.random() * s.maxDelayMs));
  } finally {
    await stopBot(bot, "SIGKILL");
  }
  return bot;
}

export async function runKillRounds(s: KillScenario): Promise<KillReport> {
  const outbox = new Outbox(s.dbPath);
  const report: KillReport = { kills: 0, killsInFlight: 0, rowsInFlight: 0, refills: 0, timing: { rounds: 0, startups: 0, drain: 0 }, logs: "", outbox };
  const started = Date.now();
  for (let round = 0; round < s.rounds; round += 1) {
    if (round > 0 && outbox.backlog() < s.refill.below) {
      writeRefill(s.inboxDir, s.refill.papers, s.random);
      report.refills += 1;
    }
    const bot = await oneRound(s, round, report.timing);
    report.logs += bot.output();
    report.kills += 1;
    const sending = outbox.counts().sending;
    if (sending > 0) report.killsInFlight += 1;
    report.rowsInFlight += sending;
  }
  report.timing.rounds = Date.now() - started;
  const last = spawnBot(s.env);
  try {
    await until("the outbox to drain", last, () => {
      const counts = outbox.counts();
      if (counts.failed + counts.dead > 0) throw new Error(`rows failed: ${JSON.stringify(outbox.rows().filter((r) => r.state !== "sent").slice(0, 5))}`);
      return counts.sent > 0 && outbox.backlog() === 0;
    }, s.drainTimeoutMs);
    report.timing.drain = Date.now() - started - report.timing.rounds;
  } catch (error) {
    await stopBot(last, "SIGKILL");
    throw error;
  }
  const exit = await stopBot(last, "SIGTERM");
  report.logs += last.output();
  if (exit.code !== 0) throw new Error(`the last run did not stop cleanly (${JSON.stringify(exit)}):\n${last.output().slice(-3000)}`);
  return report;
}

export interface Tally {
  /** (paper, channel) pairs expected: every paper of the store to every channel. */
  expected: number;
  /** Messages' paper mentions counted, all channels together. */
  deliveries: number;
  duplicates: number;
  losses: number;
  /** Papers seen on the platform that the store does not know (should be none). */
  strays: number;
  examples: string[];
}

/** Compares what reached each channel (paper ids, in order) with every paper × every channel. */
export function tally(paperIds: readonly number[], seen: ReadonlyMap<string, readonly number[]>): Tally {
  const result: Tally = { expected: 0, deliveries: 0, duplicates: 0, losses: 0, strays: 0, examples: [] };
  const known = new Set(paperIds);
  for (const [channel, ids] of seen) {
    const counts = new Map<number, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    result.deliveries += ids.length;
    for (const id of paperIds) {
      result.expected += 1;
      const n = counts.get(id) ?? 0;
      if (n === 0) result.losses += 1;
      if (n > 1) result.duplicates += n - 1;
      if (n !== 1 && result.examples.length < 10) result.examples.push(`paper #${id} reached ${channel} ${n} times`);
    }
    for (const id of counts.keys()) if (!known.has(id)) result.strays += 1;
  }
  return result;
}

/** The config file of a kill run: instant channels, a high first-run limit, cron every second. */
export function writeKillConfig(
  dataDir: string,
  channels: readonly { platform: "discord" | "slack"; id: string }[],
  maxPapersPerDigest: number,
  thread = false,
): string {
  const path = join(dataDir, "paperbot.json");
  const config = {
    deliveryCron: "* * * * * *",
    inboxCron: "* * * * * *",
    digest: { firstRunLimit: 500, maxPapersPerDigest },
    // No console channel: nothing would ever publish to it while a platform adapter runs.
    console: { channels: [] },
    channels: channels.map((c) => ({ ...c, schedule: "instant", ...(thread ? { thread: true } : {}) })),
  };
  writeFileSync(path, JSON.stringify(config));
  return path;
}
