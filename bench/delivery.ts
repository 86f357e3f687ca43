import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createDiscordAdapter } from "../src/adapters/discord/index.js";
import { createSlackAdapter } from "../src/adapters/slack/index.js";
import { openApp, type App, platformDeps } from "../src/app.js";
import { fixedClock } from "../src/clock.js";
import { loadConfig } from "../src/config/index.js";
import type { Pacing, PacingRule } from "../src/delivery/pacing.js";
import { DISCORD_PACING } from "../src/adapters/discord/limits.js";
import { SLACK_PACING } from "../src/adapters/slack/limits.js";
import { deliverDue } from "../src/delivery/worker.js";
import { ingestFile } from "../src/ingest/ingest.js";
import { silentLogger } from "../src/log.js";
import type { PlatformAdapter } from "../src/adapters/index.js";
import { FakeDiscord } from "../test/fakes/discord/index.js";
import { FakeSlack } from "../test/fakes/slack/index.js";

/*
 * How close a digest to many channels comes to what the platforms' limits allow: real adapters
 * (discord.js, @slack/bolt) and real SQLite against the fakes in test/fakes. The fakes do not
 * enforce limits themselves, so besides the 429s they answered, every message post they recorded
 * is checked against the platform's published limits in sliding windows: a post over a limit is
 * one a real platform would have answered with a 429.
 */

export type Platform = "discord" | "slack";

export interface DeliveryScenario {
  platform: Platform;
  channels: number;
  /** Papers in each channel's digest: 1-10 make one Discord message, 11-20 two; Slack packs 24. */
  papers: number;
  /** The worker's destinations in flight at once; the worker's default when absent. */
  concurrency?: number;
}

/** The limits the platforms publish (Discord: 5 per 5 s per channel and 50/s in all; Slack: 1/s per channel). */
export const PLATFORM_LIMITS: Record<Platform, Pacing> = { discord: DISCORD_PACING, slack: SLACK_PACING };

export interface WindowCheck {
  /** The most posts seen in any window of the rule's length. */
  max: number;
  /** Posts that arrived while the window already held `count`: each a 429 on a real platform. */
  over: number;
}

export interface DeliveryMeasurement {
  scenario: DeliveryScenario;
  wallMs: number;
  /** The shortest time the limits allow for these posts: max(global, busiest channel) sliding-window bound. */
  floorMs: number;
  /** Posts divided by the global rate: what an even pace (no first burst) needs. */
  evenMs: number;
  messages: number;
  /** Rows sent, and rows there were to send. */
  sent: number;
  rows: number;
  answered429: number;
  perChannel: WindowCheck;
  global: WindowCheck;
  /** Post arrival times (ms, fake's clock) per channel, for finer checks in tests. */
  postsByChannel: Map<string, number[]>;
}

/** Counts, for posts at `times` (any order), the busiest window and the posts over the rule's count. */
export function checkWindow(times: readonly number[], rule: PacingRule): WindowCheck {
  const sorted = [...times].sort((a, b) => a - b);
  let start = 0;
  let max = 0;
  let over = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const t = sorted[i] ?? 0;
    while (t - (sorted[start] ?? t) >= rule.windowMs) start += 1;
    const inWindow = i - start + 1;
    max = Math.max(max, inWindow);
    if (inWindow > rule.count) over += 1;
  }
  return { max, over };
}

/** The sliding-window lower bound for `posts` sends under a rule: full windows after the first burst. */
export function floorFor(posts: number, rule: PacingRule): number {
  return posts === 0 ? 0 : (Math.ceil(posts / rule.count) - 1) * rule.windowMs;
}

const NOW = "2025-12-20T12:00:00Z";
/** Word lists of prime length, so papers i and j (i ≠ j, both < 31) share no word at any position. */
const WORDS = [
  "sparse attention graph kernel diffusion token memory vision reward policy agent retrieval corpus lattice prompt manifold tensor spectral routing planner critic quantized residual encoder decoder verifier sampler curriculum benchmark pruning distilled".split(" "),
  "protein weather music legal robot chemistry satellite traffic medical finance ocean language speech video code math physics genome climate soil energy retail sports poetry maps audit drone crystal market forest".split(" "),
];

function paperAt(i: number): { title: string; abstract: string } {
  const pick = (list: readonly string[], k: number): string => list[(i * k) % list.length] ?? "x";
  const [a, b] = WORDS as [string[], string[]];
  const title = `${pick(a, 1)} ${pick(b, 1)} ${pick(a, 7)} ${pick(b, 11)} study ${i}`;
  const abstract = `We pair ${pick(a, 3)} ${pick(b, 5)} with ${pick(a, 13)} ${pick(b, 17)} and report ${pick(a, 19)} ${pick(b, 23)} gains over ${i + 2} baselines.`;
  return { title: title.replace(/^\w/, (c) => c.toUpperCase()), abstract };
}

/** A Daily Papers text dump of `count` distinct papers. */
function dumpText(count: number): string {
  const blocks = Array.from({ length: count }, (_, i) => {
    const { title, abstract } = paperAt(i);
    return `${title}\n\n${abstract}\n\n  • 3 authors\n·\nDec 19, 2025 ${100 - i}\n`;
  });
  return `Daily Papers\n\nbyAK and the research community\n\nDec 20\n\n${blocks.join("\n")}`;
}

interface Rig {
  app: App;
  adapter: PlatformAdapter;
  channelIds: string[];
  /** Message posts the fake recorded: channel, arrival time, HTTP status. */
  posts(): { channel: string; time: number; status: number }[];
  close(): Promise<void>;
}

function appFor(dataDir: string, env: Record<string, string>, channels: readonly object[], papers: number): App {
  const configPath = join(dataDir, "paperbot.json");
  writeFileSync(configPath, JSON.stringify({ channels, digest: { firstRunLimit: Math.min(500, papers), maxPapersPerDigest: 25 } }));
  const config = loadConfig({ PAPERBOT_DATA_DIR: dataDir, PAPERBOT_CONFIG: configPath, ...env }, dataDir);
  return openApp(config, silentLogger, fixedClock(NOW));
}

async function discordRig(dataDir: string, channels: number, papers: number): Promise<Rig> {
  const names = Array.from({ length: channels }, (_, i) => ({ name: `papers-${i}` }));
  const fake = await FakeDiscord.start({ guilds: [{ name: "Bench", channels: names }] });
  const channelIds = fake.world.guildChannels(fake.defaultGuildId).map((c) => c.id);
  const env = { DISCORD_TOKEN: fake.token, PAPERBOT_DISCORD_API_URL: fake.apiUrl };
  const app = appFor(dataDir, env, channelIds.map((id) => ({ platform: "discord", id, schedule: "instant" })), papers);
  const adapter = createDiscordAdapter(platformDeps(app, "discord"), { client: { rest: { timeout: 15_000 } }, readyTimeoutMs: 15_000 });
  if (adapter === null) throw new Error("no Discord adapter");
  await adapter.start();
  const route = /^\/channels\/(\d+)\/messages$/;
  return {
    app,
    adapter,
    channelIds,
    posts: () =>
      fake.requests
        .filter((r) => r.method === "POST" && route.test(r.path))
        .map((r) => ({ channel: route.exec(r.path)?.[1] ?? "", time: r.time, status: r.status })),
    close: async () => {
      await adapter.stop();
      await fake.close();
    },
  };
}

async function slackRig(dataDir: string, channels: number, papers: number): Promise<Rig> {
  const fake = await FakeSlack.start();
  const channelIds = Array.from({ length: channels }, (_, i) => `C${String(i).padStart(8, "0")}`);
  const env = {
    SLACK_BOT_TOKEN: fake.botToken,
    PAPERBOT_SLACK_API_URL: fake.apiUrl,
    SLACK_SIGNING_SECRET: "bench-signing-secret",
    PAPERBOT_SLACK_PORT: "0",
  };
  const app = appFor(dataDir, env, channelIds.map((id) => ({ platform: "slack", id, schedule: "instant" })), papers);
  const adapter = createSlackAdapter(platformDeps(app, "slack"), { host: "127.0.0.1" });
  if (adapter === null) throw new Error("no Slack adapter");
  await adapter.start();
  return {
    app,
    adapter,
    channelIds,
    posts: () =>
      fake.calls
        .filter((c) => c.method === "chat.postMessage")
        .map((c) => ({ channel: String(c.args["channel"] ?? ""), time: c.time, status: c.status })),
    close: async () => {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** One digest of `papers` papers to each of `channels` channels, timed from the first post to the last settle. */
export async function measureDelivery(scenario: DeliveryScenario): Promise<DeliveryMeasurement> {
  const dataDir = mkdtempSync(join(tmpdir(), "paperbot-bench-"));
  const rig = await (scenario.platform === "discord" ? discordRig : slackRig)(dataDir, scenario.channels, scenario.papers);
  const { app } = rig;
  try {
    app.publishers.set(rig.adapter.publisher.platform, rig.adapter.publisher);
    const dump = join(app.config.inboxDir, "bench.txt");
    writeFileSync(dump, dumpText(scenario.papers));
    const now = app.clock.now();
    // A fresh store planning every paper: past the first-run rule, which a bench of delivery is not about.
    app.store.firstRun.markDone(now);
    const outcome = await ingestFile(app.store, dump, now, { plan: app.plan });
    if (outcome.new !== scenario.papers) throw new Error(`expected ${scenario.papers} new papers, ingest found ${outcome.new}`);
    const rows = scenario.channels * scenario.papers;
    const deps = { store: app.store, publishers: app.publishers, log: app.log, maxPapersPerDigest: app.config.digest.maxPapersPerDigest };
    const started = performance.now();
    const report = await deliverDue(deps, now, { limit: 2 * rows, ...(scenario.concurrency === undefined ? {} : { concurrency: scenario.concurrency }) });
    const wallMs = performance.now() - started;
    const posts = rig.posts();
    const ok = posts.filter((p) => p.status === 200);
    const postsByChannel = new Map<string, number[]>();
    for (const post of ok) postsByChannel.set(post.channel, [...(postsByChannel.get(post.channel) ?? []), post.time]);
    const limits = PLATFORM_LIMITS[scenario.platform];
    const busiest = Math.max(0, ...[...postsByChannel.values()].map((t) => t.length));
    let perChannel: WindowCheck = { max: 0, over: 0 };
    for (const times of postsByChannel.values()) {
      const check = checkWindow(times, limits.perDestination);
      perChannel = { max: Math.max(perChannel.max, check.max), over: perChannel.over + check.over };
    }
    return {
      scenario,
      wallMs,
      floorMs: Math.max(floorFor(ok.length, limits.global), floorFor(busiest, limits.perDestination)),
      evenMs: (ok.length * limits.global.windowMs) / limits.global.count,
      messages: ok.length,
      sent: report.sent,
      rows,
      answered429: posts.filter((p) => p.status === 429).length,
      perChannel,
      global: checkWindow(posts.map((p) => p.time), limits.global),
      postsByChannel,
    };
  } finally {
    await rig.close();
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function row(m: DeliveryMeasurement): string[] {
  const s = m.scenario;
  const limits = PLATFORM_LIMITS[s.platform];
  const rule = (r: PacingRule): string => `${r.count}/${r.windowMs / 1000}s`;
  return [
    s.platform,
    `${rule(limits.perDestination)} ch, ${rule(limits.global)} all`,
    String(s.channels),
    String(s.papers),
    String(s.concurrency ?? "default"),
    `${m.messages}`,
    `${m.sent}/${m.rows}`,
    (m.wallMs / 1000).toFixed(2),
    (m.floorMs / 1000).toFixed(2),
    (m.evenMs / 1000).toFixed(2),
    m.floorMs === 0 ? "-" : `${(m.wallMs / m.floorMs).toFixed(2)}x`,
    String(m.answered429),
    `${m.perChannel.over} / ${m.global.over}`,
    `${m.perChannel.max} / ${m.global.max}`,
  ];
}

const HEADER = ["platform", "limits", "channels", "papers", "conc.", "posts", "rows sent", "wall s", "floor s", "N/rate s", "wall/floor", "429s", "over limit ch/all", "max in window ch/all"];

function table(rows: readonly string[][]): string {
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join("  ");
  return [line(HEADER), ...rows.map(line)].join("\n");
}

/** The scenarios `npm run bench` measures: a 500-channel digest on each platform, and multi-part digests. */
export const BENCH_SCENARIOS: readonly DeliveryScenario[] = [
  { platform: "discord", channels: 500, papers: 5 },
  { platform: "slack", channels: 500, papers: 5 },
  { platform: "discord", channels: 100, papers: 10 },
  { platform: "slack", channels: 100, papers: 25 },
  { platform: "slack", channels: 100, papers: 25, concurrency: 50 },
  { platform: "discord", channels: 4, papers: 40 },
];

/** Runs the delivery scenarios one after another and prints their table. */
export async function benchDelivery(
  scenarios: readonly DeliveryScenario[] = BENCH_SCENARIOS,
  log: (line: string) => void = console.log,
): Promise<void> {
  log("");
  log("delivery pacing: one digest per channel against the fake Discord / Slack (real adapters, real SQLite)");
  log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, load average ${loadavg().map((n) => n.toFixed(2)).join(" ")}`);
  const rows: string[][] = [];
  for (const scenario of scenarios) rows.push(row(await measureDelivery(scenario)));
  log(table(rows));
  log("floor: the sliding-window lower bound the limits allow for those posts (busiest channel or all posts, whichever is longer);");
  log("N/rate: posts / global rate, the pace without the first burst; conc.: destinations the worker sends to at once;");
  log("over limit: posts the fake received while a window already held the limit (a real platform would answer 429).");
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const channels = Number(process.argv[2] ?? "");
  const scenarios = Number.isInteger(channels) && channels > 0
    ? BENCH_SCENARIOS.map((s) => ({ ...s, channels: Math.min(s.channels, channels) }))
    : BENCH_SCENARIOS;
  benchDelivery(scenarios).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
