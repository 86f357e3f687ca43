import { runningPlatforms, type PlatformDeps, type PlatformName, type PlatformSettings } from "./adapters/index.js";
import type { Clock } from "./clock.js";
import { createCommandService, type CommandService } from "./commands/index.js";
import type { Config, SourceConfig } from "./config/index.js";
import { MatcherCache, planDeliveries, type PlannerSettings } from "./delivery/planner.js";
import type { Publisher } from "./delivery/publisher.js";
import { deliverDue, type DeliveryReport } from "./delivery/worker.js";
import type { IngestOutcome } from "./ingest/ingest.js";
import { DEFAULT_INBOX_POLICY } from "./ingest/inbox.js";
import { scanInboxSettled } from "./ingest/scan.js";
import { PaperbotError } from "./errors.js";
import type { Logger } from "./log.js";
import { BotMetrics } from "./observe/metrics.js";
import { PlatformStates } from "./observe/platforms.js";
import { fetchSource, type FetchRange, type SourceReport } from "./sources/fetch.js";
import type { PageReport, SourceDeps } from "./sources/types.js";
import type { Store } from "./store/index.js";
import { openConfiguredStore } from "./app-channels.js";
import { inProcessSearcher, SearchPool } from "./search/index.js";
import { inProcessRecommendations, RecommendWorker } from "./recommend/index.js";

export { deliveryStatus, prepareDataDir, REMOVED_FROM_CONFIG } from "./app-store.js";

/** Where wall-clock schedules are read: shared by the planner and the command handlers. */
function plannerSettings(config: Config): PlannerSettings {
  return { timeZone: config.timeZone, digestSchedule: config.digest.schedule, platforms: runningPlatforms(config) };
}

/** Everything a cycle, a command or an adapter needs; built once by openApp and passed down. */
export interface App {
  config: Config;
  store: Store;
  log: Logger;
  clock: Clock;
  matchers: MatcherCache;
  /** The platforms that run with this configuration; deliveries for any other are not queued. */
  runningPlatforms: readonly string[];
  /** `/papers` for every platform. */
  commands: CommandService;
  publishers: Map<string, Publisher>;
  /** Outbox rows for new papers; `appearedOn` (a fetched day) applies the flood rule. */
  plan: (paperIds: readonly number[], now: Date, appearedOn?: string | null) => void;
  seenFiles: Map<string, string>;
  /** Aborted on shutdown: delivery passes stop between digests, leaving unsent rows pending. */
  stopping: AbortController;
  /** Prometheus metrics and each platform's connection state, for /metrics and /healthz. */
  metrics: BotMetrics;
  platforms: PlatformStates;
  close(): void;
}

/** Builds the app; `{ readOnly: true }` for commands that only read (see openConfiguredStore). */
export function openApp(config: Config, log: Logger, clock: Clock, options: { readOnly?: boolean } = {}): App {
  const store = openConfiguredStore(config, log, clock.now(), options);
  const matchers = new MatcherCache();
  const settings = plannerSettings(config);
  const platforms = new PlatformStates(() => clock.now());
  const metrics = new BotMetrics(
    {
      // Pending means "will be sent": rows waiting on a platform that does not run are `held`.
      outbox: () => {
        const counts = new Map<string, { state: string; platform: string; count: number }>();
        for (const row of store.deliveries.countByStateAndPlatform()) {
          const waiting = (row.state === "pending" || row.state === "failed") && !settings.platforms.includes(row.platform);
          const state = waiting ? "held" : row.state;
          const key = `${state} ${row.platform}`;
          counts.set(key, { state, platform: row.platform, count: (counts.get(key)?.count ?? 0) + row.count });
        }
        return [...counts.values()];
      },
      papers: () => store.papers.count(),
      subscriptions: () => store.subscriptions.count(),
      sources: () => store.sources.all(),
    },
    platforms,
  );
  // Searches run on worker threads over their own read-only connections, started on first use.
  const searcher = config.dbPath === ":memory:" ? inProcessSearcher(store.search) : new SearchPool(config.dbPath);
  // Similar papers and personal rankings likewise, on one warm worker thread.
  const recommendations = config.dbPath === ":memory:" ? inProcessRecommendations(store.papers) : new RecommendWorker(config.dbPath);
  return {
    config,
    store,
    log,
    clock,
    matchers,
    runningPlatforms: settings.platforms,
    commands: createCommandService({ store, searcher, recommendations, clock, settings }),
    publishers: new Map(),
    // While the first-run rule is pending nothing is planned: the first scan announces the backlog.
    plan: (ids, now, appearedOn = null) => {
      if (!store.firstRun.pending()) planDeliveries(store, settings, matchers, ids, now, appearedOn);
    },
    seenFiles: new Map(),
    stopping: new AbortController(),
    metrics,
    platforms,
    close: () => {
      searcher.close();
      recommendations.close();
      store.close();
    },
  };
}

export interface CycleReport {
  ingested: IngestOutcome[];
  delivered: DeliveryReport;
}

/**
 * Refuses to go on when the database file was deleted or replaced under the running bot: its
 * connection would keep writing to the old file, and a restart on the new one would announce again
 * what was already sent. One clear line (STORE_REPLACED); `paperbot run` stops on it.
 */
export function checkStoreFile(app: App): void {
  const change = app.store.fileChange();
  if (change === null) return;
  throw new PaperbotError("STORE_REPLACED", `${change}: nothing more is recorded or announced until paperbot is restarted`, app.store.location);
}

/** One pass of the bot: ingest what is new in the inbox (when it is a source), then send what is due. */
export async function runCycle(app: App, now: Date, flush = false): Promise<CycleReport> {
  checkStoreFile(app);
  // Rebuilding the matcher after subscriptions changed takes a while with many of them: do it
  // here rather than inside an ingest chunk's transaction, which holds the database's write lock.
  app.matchers.get(app.store);
  const ingested = app.config.sources.some((source) => source.type === "inbox") ? await scanAppInbox(app, now) : [];
  const delivered = await deliverPending(app, now, flush);
  return { ingested, delivered };
}

/** Ingests what is new in the inbox folder. */
export async function scanAppInbox(app: App, now: Date): Promise<IngestOutcome[]> {
  const ingested = await scanInboxSettled(
    {
      store: app.store,
      inboxDir: app.config.inboxDir,
      log: app.log,
      plan: app.plan,
      firstRunLimit: app.config.digest.firstRunLimit,
      seen: app.seenFiles,
      policy: { ...DEFAULT_INBOX_POLICY, followLinksOutside: app.config.inboxFollowSymlinks },
      signal: app.stopping.signal,
    },
    now,
    app.stopping.signal,
  );
  for (const outcome of ingested) {
    if (outcome.status === "ingested") app.metrics.dumpIngested(outcome.new);
    else if (outcome.status === "rejected") app.metrics.dumpRejected();
  }
  app.metrics.scanSucceeded(app.clock.now());
  app.log.debug(`inbox scan: ${ingested.length} new or changed files in ${app.config.inboxDir}`);
  return ingested;
}

/** Sends due rows; `flush` sends everything pending regardless of schedules (`run --once`). */
export async function deliverPending(app: App, now: Date, flush = false): Promise<DeliveryReport> {
  checkStoreFile(app);
  return deliverDue(
    {
      store: app.store,
      publishers: app.publishers,
      log: app.log,
      maxPapersPerDigest: app.config.digest.maxPapersPerDigest,
      onSend: (platform, outcome, seconds) => app.metrics.send(platform, outcome, seconds),
    },
    now,
    { signal: app.stopping.signal, ...(flush ? { dueBy: new Date("9999-12-31T00:00:00Z") } : {}) },
  );
}

/** What one platform's adapter is built from, for this app: its settings, declared channels and services. */
export function platformDeps<N extends PlatformName>(app: App, name: N, write: (text: string) => void = () => {}): PlatformDeps<PlatformSettings[N]> {
  return {
    settings: app.config[name],
    channels: app.config.channels.filter((c) => c.platform === name),
    commands: app.commands,
    log: app.log,
    logLevel: app.config.logLevel,
    dataDir: app.config.dataDir,
    httpHost: app.config.httpHost,
    write,
  };
}

export interface FetchRequest {
  /** One source by name; all of them when absent. */
  source?: string;
  range?: FetchRange;
  onPage?: (page: PageReport) => void;
  onPlan?: (source: string, days: number) => void;
}

/** The sources a fetch covers, or a USAGE error naming the ones that exist. */
export function selectSources(app: App, name: string | undefined): SourceConfig[] {
  if (name === undefined) return app.config.sources;
  const found = app.config.sources.filter((s) => s.name === name);
  if (found.length === 0) {
    const names = app.config.sources.map((s) => s.name).join(", ") || "none";
    throw new PaperbotError("USAGE", `no source named "${name}" in the config (configured: ${names})`, "--source");
  }
  return found;
}

function sourceDeps(app: App, request: FetchRequest): SourceDeps {
  return {
    store: app.store,
    archiveDir: app.config.archiveDir,
    log: app.log,
    plan: app.plan,
    tldr: app.config.digest.tldr,
    firstRunLimit: app.config.digest.firstRunLimit,
    signal: app.stopping.signal,
    ...(request.onPage === undefined ? {} : { onPage: request.onPage }),
    ...(request.onPlan === undefined ? {} : { onPlan: request.onPlan }),
  };
}

/**
 * Fetches the chosen sources one after another (a backfill when a range is given). The inbox is a
 * source too: its "fetch" is a scan. Failures are in the reports, never thrown.
 */
export async function fetchSources(app: App, now: Date, request: FetchRequest = {}): Promise<SourceReport[]> {
  app.matchers.get(app.store);
  const reports: SourceReport[] = [];
  for (const source of selectSources(app, request.source)) {
    if (app.stopping.signal.aborted) break;
    if (source.type === "inbox") {
      const outcomes = await scanAppInbox(app, now);
      const rejected = outcomes.find((o) => o.status === "rejected");
      reports.push({
        source: source.name,
        days: [],
        pages: outcomes.length,
        papers: outcomes.reduce((n, o) => n + o.papers, 0),
        newPapers: outcomes.reduce((n, o) => n + o.new, 0),
        requests: 0,
        error: rejected === undefined ? null : (rejected.error ?? "rejected"),
      });
      continue;
    }
    reports.push(await fetchSource(sourceDeps(app, request), source, now, request.range));
  }
  return reports;
}

/** A scheduled fetch of one source, then a delivery pass so instant channels hear at once. */
export async function runSourceJob(app: App, name: string, now: Date): Promise<void> {
  await fetchSources(app, now, { source: name });
  await deliverPending(app, now);
}
