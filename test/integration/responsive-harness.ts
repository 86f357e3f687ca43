import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import type { FakeDiscord, RecordedCallback } from "../fakes/discord/index.js";
import { until as pollUntil, type Bot } from "../helpers/processes.js";

/*
 * The real bot process (`node bin/paperbot run`, from dist/) against the fake Discord, with its
 * health port open, for the deadline tests: how fast /healthz, interactions and SIGTERM are served
 * while the bot ingests.
 */

const LOADING = 128;

export { startBot, type Bot } from "../helpers/processes.js";

export function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  return pollUntil(condition, what, timeoutMs, 100);
}

/** The health port the bot logged once it listened. */
export async function healthPort(bot: Bot): Promise<number> {
  let port = 0;
  await until(() => {
    port = Number(/health and metrics on http:\/\/[^\s/]+:(\d+)/.exec(bot.stderr())?.[1] ?? 0);
    return port > 0;
  }, "the health server");
  return port;
}

/** Counts in the bot's database as another process sees them. */
export function storeCounts(dbPath: string): { papers: number; sightings: number; incomplete: number; integrity: string } {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(`SELECT (SELECT count(*) FROM papers) AS papers, (SELECT count(*) FROM sightings) AS sightings,
        (SELECT count(*) FROM dumps WHERE resume_at IS NOT NULL) AS incomplete`)
      .get() as { papers: number; sightings: number; incomplete: number };
    return { ...row, integrity: db.pragma("quick_check", { simple: true }) as string };
  } catch {
    return { papers: 0, sightings: 0, incomplete: 0, integrity: "not yet" };
  } finally {
    db.close();
  }
}

/** How many papers the bot has committed, as another process sees them (0 before the store exists). */
export function paperCount(dbPath: string): number {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) AS n FROM papers").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/**
 * Whether an ingest is still adding papers: the paper count now, and the first higher count seen
 * within `withinMs` (the same count when none came; on a loaded machine a chunk can take a while).
 */
export async function growth(dbPath: string, withinMs = 10_000): Promise<{ from: number; to: number }> {
  const from = paperCount(dbPath);
  let to = from;
  const deadline = Date.now() + withinMs;
  while (to === from && Date.now() < deadline) {
    await sleep(50);
    to = paperCount(dbPath);
  }
  return { from, to };
}

/** Polls /healthz every `everyMs` until stopped; each probe's latency (a failure counts as 5 s). */
export function healthProbe(port: number, everyMs = 100): { stop: () => Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) });
        await response.text();
        latencies.push(response.ok ? performance.now() - started : 5_000);
      } catch {
        latencies.push(5_000);
      }
      await sleep(everyMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return latencies;
    },
  };
}

/** A `/papers search` through the fake: the acknowledgement's delay and the final answer's. */
export async function timedSearch(
  fake: FakeDiscord,
  query: string,
): Promise<{ ackMs: number; answerMs: number; callback: RecordedCallback; content: string }> {
  const started = performance.now();
  const payload = fake.dispatchInteraction(fake.slashCommand({ name: "papers", subcommand: "search", options: { query } }));
  const callback = await fake.waitForCallback(payload.id, 10_000);
  const message = await fake.waitForMessage(payload.channel_id, (m) => m.meta.interactionId === payload.id && (m.flags & LOADING) === 0, 15_000);
  const embeds = message.embeds as { title?: string }[];
  return { ackMs: callback.elapsedMs, answerMs: performance.now() - started, callback, content: `${message.content} ${embeds.map((e) => e.title ?? "").join(" | ")}` };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}
