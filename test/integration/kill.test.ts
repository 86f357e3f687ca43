/**
 * Nothing lost, nothing twice, across kill -9: the real bot process (`node bin/paperbot run`)
 * delivers the sample dumps (and more, as needed) to 8 instant channels of a fake platform and is
 * SIGKILLed at random points while it sends, again and again; a last run drains the outbox. Then
 * every paper must have reached every channel exactly once, and the store must say every row is sent.
 *
 * The fakes answer through a proxy that delays requests and answers by a few tens of milliseconds,
 * so many kills land after the platform stored a message and before the bot recorded it: Discord
 * drops the resend by its nonce, Slack's publisher finds the part in channel history.
 * PAPERBOT_KILL_ROUNDS scales the number of kills per platform (scripts/soak-kill.sh).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, it, type ExpectStatic, type TestContext } from "vitest";
import { FakeDiscord } from "../fakes/discord/index.js";
import { FakeSlack } from "../fakes/slack/index.js";
import { tempDataDir } from "../helpers/env.js";
import { prng, startDelayProxy, type DelayProxy } from "./kill-harness.js";
import { runKillRounds, tally, writeKillConfig, type KillReport, type Tally } from "./kill-harness-rounds.js";

const SCALE = Number.parseInt(process.env["PAPERBOT_KILL_ROUNDS"] ?? "", 10);
const ROUNDS = { discord: Number.isFinite(SCALE) && SCALE > 0 ? SCALE : 30, slack: Number.isFinite(SCALE) && SCALE > 0 ? SCALE : 20 };
const SEED = Number.parseInt(process.env["PAPERBOT_KILL_SEED"] ?? "", 10) || 20251220;
const CHANNELS = 8;
const DELAY = { beforeMs: 30, afterMs: 90 };
/**
 * A round is mostly the bot's start-up (about 1.5-2 s on 2 cores, twice that on a busy machine) plus
 * a kill delay of 0.5 s on average; then the last run and setup. Generous: it only stops a hang.
 */
const timeoutFor = (rounds: number): number => 60_000 + rounds * 6_000;

function summary(platform: string, report: KillReport, t: Tally, extra: string): string {
  const { rounds, startups, drain } = report.timing;
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  return (
    `kill test (${platform}): ${report.kills} kills survived (${report.killsInFlight} with a digest in flight, ${report.rowsInFlight} rows), ` +
    `${t.deliveries} deliveries checked of ${t.expected} expected, ${t.duplicates} duplicates, ${t.losses} losses, ${extra}; ` +
    `rounds ${seconds(rounds)} (start-ups ${seconds(startups)}), last run ${seconds(drain)}`
  );
}

function expectClean(expect: ExpectStatic, report: KillReport, t: Tally): void {
  const counts = report.outbox.counts();
  expect({ duplicates: t.duplicates, losses: t.losses, strays: t.strays, examples: t.examples }).toEqual({ duplicates: 0, losses: 0, strays: 0, examples: [] });
  expect(counts).toMatchObject({ pending: 0, sending: 0, failed: 0, dead: 0 });
  expect(counts.sent).toBe(t.expected);
  expect(report.logs).not.toMatch(/ error /);
}

/**
 * Threaded digests: every header message says how many papers its thread holds, and holds exactly
 * that many — a header sent twice (a lost resend) would have an empty thread, a part sent twice a
 * thread with more.
 */
function expectOneHeaderPerThread(expect: ExpectStatic, channels: readonly { text: string; inThread: number }[][]): void {
  const wrong = channels.flat().filter((h) => Number(/(\d+) papers? in the thread/.exec(h.text)?.[1] ?? -1) !== h.inThread);
  expect(wrong).toEqual([]);
}

/** Cleanup steps run in reverse order once the test is over, passed or not. */
function cleanupAfter(onTestFinished: TestContext["onTestFinished"]): (step: () => Promise<void> | void) => void {
  const steps: (() => Promise<void> | void)[] = [];
  onTestFinished(async () => {
    for (const step of steps.reverse()) await step();
  });
  return (step) => void steps.push(step);
}

describe("kill -9 during delivery", () => {
  it.for([
    { thread: false, rounds: ROUNDS.discord },
    { thread: true, rounds: Math.max(1, Math.round(ROUNDS.discord / 3)) },
  ])(
    `GIVEN the bot delivering to ${CHANNELS} Discord channels (digests in threads: $thread) WHEN it is SIGKILLed $rounds times THEN every paper reaches every channel exactly once`,
    { timeout: timeoutFor(ROUNDS.discord) },
    async ({ thread, rounds }, { expect, onTestFinished }) => {
      const cleanup = cleanupAfter(onTestFinished);
      const random = prng(SEED);
      const fake = await FakeDiscord.start();
      cleanup(() => fake.close());
      const channels = Array.from({ length: CHANNELS }, (_, i) => fake.addChannel(`kill-${i}`));
      const proxy: DelayProxy = await startDelayProxy(`http://127.0.0.1:${fake.port}`, random, DELAY);
      cleanup(() => proxy.close());
      const dataDir = tempDataDir({ samples: true });
      cleanup(() => rmSync(dataDir, { recursive: true, force: true }));
      // With threads, a channel's papers are in the threads started on its header messages (thread id = header id).
      const messagesOf = (id: string) => (thread ? fake.messagesIn(id).flatMap((header) => fake.messagesIn(header.id)) : fake.messagesIn(id));
      const posted = () => channels.reduce((n, id) => n + messagesOf(id).length, 0);
      const report = await runKillRounds({
        rounds,
        random,
        env: {
          PAPERBOT_DATA_DIR: dataDir,
          // A threaded digest costs a header and a thread start besides its parts: bigger digests keep the run short.
          PAPERBOT_CONFIG: writeKillConfig(dataDir, channels.map((id) => ({ platform: "discord", id })), thread ? 10 : 3, thread),
          DISCORD_TOKEN: fake.token,
          PAPERBOT_DISCORD_API_URL: `${proxy.origin}/api`,
        },
        dbPath: join(dataDir, "paperbot.db"),
        inboxDir: join(dataDir, "inbox"),
        delivered: posted,
        connected: /discord connected/,
        maxDelayMs: 900,
        refill: { below: CHANNELS * 12, papers: 15 },
        drainTimeoutMs: thread ? 120_000 : 60_000,
      });
      cleanup(() => report.outbox.close());
      const seen = new Map(
        channels.map((id) => [
          id,
          messagesOf(id).flatMap((m) =>
            (m.embeds as { footer?: { text?: string } }[]).map((e) => Number(/^#(\d+) /.exec(e.footer?.text ?? "")?.[1] ?? -1)),
          ),
        ]),
      );
      const t = tally(report.outbox.paperIds(), seen);
      if (thread) expectOneHeaderPerThread(expect, channels.map((id) => fake.messagesIn(id).map((h) => ({ text: h.content, inThread: fake.messagesIn(h.id).reduce((n, m) => n + m.embeds.length, 0) }))));
      const posts = fake.requests.filter((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path) && r.status === 200);
      const resends = posts.length - new Set(posts.map((r) => (r.responseBody as { id?: string }).id)).size;
      console.log(summary("discord", report, t, `${resends} resends dropped by nonce, ${report.refills} refills`));
      expectClean(expect, report, t);
      expect(posts.every((r) => (r.body as { enforce_nonce?: boolean }).enforce_nonce === true)).toBe(true);
    },
  );

  it.for([
    { thread: false, rounds: ROUNDS.slack },
    { thread: true, rounds: Math.max(1, Math.round(ROUNDS.slack / 3)) },
  ])(
    `GIVEN the bot delivering to ${CHANNELS} Slack channels (digests in threads: $thread) WHEN it is SIGKILLed $rounds times THEN every paper reaches every channel exactly once`,
    { timeout: timeoutFor(ROUNDS.slack) },
    async ({ thread, rounds }, { expect, onTestFinished }) => {
      const cleanup = cleanupAfter(onTestFinished);
      const random = prng(SEED + 1);
      const fake = await FakeSlack.start();
      cleanup(() => fake.close());
      const channels = Array.from({ length: CHANNELS }, (_, i) => `C0KILL0${i}`);
      const proxy = await startDelayProxy(fake.baseUrl, random, DELAY);
      cleanup(() => proxy.close());
      const dataDir = tempDataDir({ samples: true });
      cleanup(() => rmSync(dataDir, { recursive: true, force: true }));
      const posted = () => channels.reduce((n, id) => n + fake.messagesIn(id).length, 0);
      const report = await runKillRounds({
        rounds,
        random,
        env: {
          PAPERBOT_DATA_DIR: dataDir,
          PAPERBOT_CONFIG: writeKillConfig(dataDir, channels.map((id) => ({ platform: "slack", id })), 5, thread),
          SLACK_BOT_TOKEN: fake.botToken,
          SLACK_SIGNING_SECRET: "kill-test-signing-secret",
          PAPERBOT_SLACK_PORT: "0",
          PAPERBOT_SLACK_API_URL: `${proxy.origin}/api/`,
        },
        dbPath: join(dataDir, "paperbot.db"),
        inboxDir: join(dataDir, "inbox"),
        delivered: posted,
        connected: /slack \(HTTP\) connected/,
        maxDelayMs: 1_000,
        refill: { below: CHANNELS * 8, papers: 10 },
        drainTimeoutMs: 60_000,
      });
      cleanup(() => report.outbox.close());
      const meta = /^▲ \d+ · #(\d+)(?: ·|$)/;
      const seen = new Map(
        channels.map((id) => [
          id,
          fake.messagesIn(id).flatMap((m) =>
            (m.blocks ?? [])
              .filter((b) => b["type"] === "context")
              .flatMap((b) => (b["elements"] as { text?: string }[]).map((e) => meta.exec(e.text ?? "")?.[1]))
              .filter((id): id is string => id !== undefined)
              .map(Number),
          ),
        ]),
      );
      const t = tally(report.outbox.paperIds(), seen);
      const skipped = [...report.logs.matchAll(/slack: (\d+) of \d+ part\(s\) of an interrupted digest already in/g)].reduce((n, m) => n + Number(m[1]), 0);
      const reads = fake.callsTo("conversations.history").length;
      if (thread) {
        expectOneHeaderPerThread(
          expect,
          channels.map((id) => {
            const all = fake.messagesIn(id);
            return all.filter((m) => m.thread_ts === undefined).map((h) => ({ text: h.text ?? "", inThread: all.filter((m) => m.thread_ts === h.ts).reduce((n, m) => n + (m.blocks ?? []).filter((b) => b["type"] === "context" && meta.test(String((b["elements"] as { text?: string }[])[0]?.text ?? ""))).length, 0) }));
          }),
        );
      }
      console.log(summary("slack", report, t, `${skipped} resends skipped after ${reads} history reads, ${report.refills} refills`));
      expectClean(expect, report, t);
      expect(report.logs).not.toContain("cannot read the history");
    },
  );
});
