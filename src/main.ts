import { fallbackAdapter, type AdapterFactory, type PlatformAdapter, type PlatformServices } from "./adapters/index.js";
import { deliverPending, fetchSources, runCycle, runSourceJob, type App } from "./app.js";
import type { Config } from "./config/index.js";
import { isPaperbotError, PaperbotError } from "./errors.js";
import type { Logger } from "./log.js";
import { startObserveServer } from "./observe/server.js";
import { PlatformSupervisor, type Supervised } from "./supervisor.js";
import { acquireRunLock } from "./store/lock.js";
import { JobRunner } from "./scheduler/jobs.js";

/** Why a row queued earlier for a platform that does not run now is skipped (`paperbot deliveries`). */
const NOT_RUNNING = "not sent: its platform does not run with the current configuration";

/** Why the bot stops, and the exit code that says so (0 for a signal, non-zero for a fatal error). */
export interface StopRequest {
  reason: string;
  exitCode: number;
}

export interface RunOptions {
  once: boolean;
  write: (text: string) => void;
  adapters: readonly AdapterFactory[];
  /** Used when no adapter has anything to do; the list's fallback platform (the console) when absent. */
  fallback?: AdapterFactory;
  /** Resolves when the process is asked to stop: a signal's name (exit 0) or a StopRequest. */
  stopSignal: Promise<string | StopRequest>;
  /** Backoff between connection attempts to an unreachable platform, and how long the start waits for first attempts (tests shorten them). */
  retry?: { firstMs: number; capMs: number; graceMs?: number };
}

/**
 * Follows the stop request from the start: the moment it comes, delivery passes stop taking work
 * (`app.stopping`), in-flight publishes get a short drain, and the exit code is what it says.
 */
function watchStop(app: App, log: Logger, stopSignal: Promise<string | StopRequest>): Promise<number> {
  return stopSignal.then((request) => {
    const { reason, exitCode } = typeof request === "string" ? { reason: `${request} received`, exitCode: 0 } : request;
    if (exitCode === 0) log.info(`${reason}, stopping`);
    else log.error(`${reason}, stopping`);
    app.stopping.abort();
    return exitCode;
  });
}

/**
 * The composition root of `paperbot run`: adapters with credentials (the console when none has),
 * an immediate cycle, then cron jobs until a stop signal; everything closed on the way out.
 */
export async function runBot(app: App, config: Config, log: Logger, options: RunOptions): Promise<number> {
  let unlock: () => void;
  try {
    unlock = acquireRunLock(config.dbPath);
  } catch (error) {
    app.close();
    throw error;
  }
  try {
    const released = app.store.deliveries.releaseInFlight();
    if (released > 0) log.info(`resuming ${released} deliveries interrupted by the last stop`);
    const skipped = app.store.deliveries.skipQueuedExcept(app.runningPlatforms, NOT_RUNNING);
    if (skipped > 0) log.info(`skipped ${skipped} deliveries queued for platforms that do not run now (running: ${app.runningPlatforms.join(", ")})`);
    return await runLocked(app, config, log, options);
  } finally {
    unlock();
  }
}

/** One platform kept connected: `make` gives the adapter built first, then a fresh one per retry. */
function supervised(services: PlatformServices, factories: readonly AdapterFactory[]): Supervised<PlatformAdapter>[] {
  const list: Supervised<PlatformAdapter>[] = [];
  for (const factory of factories) {
    let first: PlatformAdapter | null = factory(services);
    if (first === null) continue;
    const key = first.publisher.platform;
    list.push({
      key,
      make: () => {
        const adapter = first ?? factory(services);
        first = null;
        if (adapter === null) throw new PaperbotError("CONFIG_INVALID", `${key} has nothing to do any more`, key);
        return adapter;
      },
    });
  }
  return list;
}

async function runLocked(app: App, config: Config, log: Logger, options: RunOptions): Promise<number> {
  const services: PlatformServices = {
    commands: app.commands,
    log,
    logLevel: config.logLevel,
    dataDir: config.dataDir,
    httpHost: config.httpHost,
    write: options.write,
  };
  const platforms = supervised(services, options.adapters);
  if (platforms.length === 0) {
    const fallback = (options.fallback ?? (await fallbackAdapter(config)))(services);
    if (fallback !== null) app.publishers.set(fallback.publisher.platform, fallback.publisher);
    log.info(`no platform credentials: using the ${fallback?.name ?? "console"} adapter`);
  }
  let fatal: (request: StopRequest) => void = () => undefined;
  const failed = new Promise<StopRequest>((resolve) => (fatal = resolve));
  const stopped = watchStop(app, log, Promise.race([options.stopSignal, failed]));
  const stop: { code: number | null } = { code: null };
  void stopped.then((code) => (stop.code = code));
  const supervisor = new PlatformSupervisor<PlatformAdapter>({
    log,
    states: app.platforms,
    connected: (adapter) => app.publishers.set(adapter.publisher.platform, adapter.publisher),
    fatal: (error) => {
      log.error(isPaperbotError(error) ? error.describe() : String(error));
      fatal({ reason: "a platform refused the bot's credentials", exitCode: 1 });
    },
    ...(options.retry === undefined ? {} : { backoff: options.retry }),
    ...(options.retry?.graceMs === undefined ? {} : { graceMs: options.retry.graceMs }),
  });
  try {
    await supervisor.start(platforms);
    if (stop.code !== null) return stop.code;
    if (options.once) {
      const fetched = await fetchRemote(app);
      const report = await runCycle(app, app.clock.now(), true);
      const offline = app.platforms.problems();
      for (const problem of offline) log.warn(`${problem}: its deliveries stay pending`);
      const failedFetch = fetched.some((r) => r.error !== null);
      return stop.code ?? (report.ingested.some((o) => o.status === "rejected") || offline.length > 0 || failedFetch ? 1 : 0);
    }
    return await runForever(app, config, log, { stopped, fatal });
  } finally {
    await supervisor.stop();
    app.close();
  }
}

/**
 * A job that stops the bot when the store's file was deleted or replaced (one line, exit 1), and
 * otherwise lets the job runner log its failure and carry on.
 */
function stopIfStoreReplaced(fatal: (request: StopRequest) => void, work: () => Promise<unknown>): () => Promise<unknown> {
  return () =>
    work().catch((error: unknown) => {
      if (!isPaperbotError(error) || error.code !== "STORE_REPLACED") throw error;
      fatal({ reason: error.describe(), exitCode: 1 });
    });
}

/** Scheduler and health server until the stop request; the job in progress finishes or drains first. */
async function runForever(
  app: App,
  config: Config,
  log: Logger,
  stop: { stopped: Promise<number>; fatal: (request: StopRequest) => void },
): Promise<number> {
  const { stopped, fatal } = stop;
  const jobs = new JobRunner(log);
  const server =
    config.httpPort === null
      ? null
      : await startObserveServer({
          host: config.httpHost,
          port: config.httpPort,
          metrics: app.metrics,
          checks: {
            database: () => {
              app.store.papers.count();
              return null;
            },
            platforms: app.platforms,
          },
        });
  if (server !== null) log.info(`health and metrics on ${server.url} (/healthz, /metrics)`, { url: server.url });
  const cycle = stopIfStoreReplaced(fatal, () => runCycle(app, app.clock.now()));
  const delivery = stopIfStoreReplaced(fatal, () => deliverPending(app, app.clock.now()));
  const startup = jobs
    .enqueue("startup cycle", async () => {
      await cycle();
      await fetchRemote(app);
      await delivery();
    })
    .then(() => true);
  if (await Promise.race([startup, stopped.then(() => false)])) {
    const sourceJobs = config.sources.map((source) => ({
      name: source.type === "inbox" ? "inbox scan" : `fetch ${source.name}`,
      cron: source.schedule,
      timeZone: config.timeZone,
      run: source.type === "inbox" ? cycle : stopIfStoreReplaced(fatal, () => runSourceJob(app, source.name, app.clock.now())),
    }));
    jobs.start([
      ...sourceJobs,
      { name: "delivery", cron: config.deliveryCron, timeZone: config.timeZone, run: delivery },
    ]);
    const watched = config.sources.map((s) => `${s.name} (${s.schedule})`).join(", ");
    log.info(`watching ${watched || "no sources"}; press Ctrl+C to stop`);
  }
  const code = await stopped;
  await jobs.stop();
  await server?.close();
  return code;
}

/** Every source but the inbox (which runCycle scans), fetched now. */
async function fetchRemote(app: App) {
  const remote = app.config.sources.filter((s) => s.type !== "inbox");
  const reports = [];
  for (const source of remote) reports.push(...(await fetchSources(app, app.clock.now(), { source: source.name })));
  return reports;
}
