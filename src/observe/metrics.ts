import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { PlatformStates } from "./platforms.js";

/** Outbox rows by state and platform, as the store counts them at scrape time. */
export interface OutboxCount {
  state: string;
  platform: string;
  count: number;
}

/** One source's fetch record, as the store keeps it (ISO times, null for never). */
export interface SourceCount {
  source: string;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  requests: number;
  pages: number;
}

/** What the metrics read from the store when scraped; declared here, built by the composition root. */
export interface MetricsSource {
  outbox(): OutboxCount[];
  papers(): number;
  subscriptions(): number;
  sources(): SourceCount[];
}

const unixSeconds = (iso: string | null): number => (iso === null ? 0 : Date.parse(iso) / 1000);

/** Send latency buckets in seconds: a paced Discord or Slack post takes from tens of ms to a few s. */
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The bot's Prometheus metrics on a registry of its own (not prom-client's global one), so two
 * bots in one process (tests) do not share counters. Event counters are bumped by the code that
 * sees the event; gauges that describe the store are read from it at scrape time.
 */
export class BotMetrics {
  readonly registry = new Registry();
  readonly #dumps: Counter<"status">;
  readonly #newPapers: Counter;
  readonly #sends: Counter<"platform" | "outcome">;
  readonly #latency: Histogram<"platform">;
  readonly #lastScan: Gauge;

  constructor(source: MetricsSource, platforms: PlatformStates) {
    const registers = [this.registry];
    this.#dumps = new Counter({
      name: "paperbot_dumps_total",
      help: "Dump files read, by outcome: ingested or rejected",
      labelNames: ["status"],
      registers,
    });
    this.#newPapers = new Counter({ name: "paperbot_new_papers_total", help: "Papers seen for the first time", registers });
    this.#sends = new Counter({
      name: "paperbot_delivery_sends_total",
      help: "Digest messages handed to a platform, by platform and outcome (sent, failed, dead)",
      labelNames: ["platform", "outcome"],
      registers,
    });
    this.#latency = new Histogram({
      name: "paperbot_send_latency_seconds",
      help: "Time one digest message took to be accepted by its platform",
      labelNames: ["platform"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#lastScan = new Gauge({
      name: "paperbot_last_successful_scan_timestamp_seconds",
      help: "Unix time of the last inbox scan that finished without error (0 before the first)",
      registers,
    });
    new Gauge({
      name: "paperbot_deliveries",
      help: "Outbox rows by state (pending, sending, sent, failed, dead, skipped; held: waiting on a platform that does not run) and platform",
      labelNames: ["state", "platform"],
      registers,
      collect() {
        this.reset();
        for (const row of source.outbox()) this.set({ state: row.state, platform: row.platform }, row.count);
      },
    });
    new Gauge({
      name: "paperbot_platform_connected",
      help: "1 when the platform is connected, 0 while connecting or retrying",
      labelNames: ["platform"],
      registers,
      collect() {
        this.reset();
        for (const [platform, status] of platforms.all()) this.set({ platform }, status.state === "connected" ? 1 : 0);
      },
    });
    new Gauge({
      name: "paperbot_papers",
      help: "Papers in the history",
      registers,
      collect() {
        this.set(source.papers());
      },
    });
    new Gauge({
      name: "paperbot_subscriptions",
      help: "Active subscriptions",
      registers,
      collect() {
        this.set(source.subscriptions());
      },
    });
    this.sourceGauges(source, registers);
    this.#dumps.inc({ status: "ingested" }, 0);
    this.#dumps.inc({ status: "rejected" }, 0);
  }

  /** Per source: when it last succeeded and failed, whether its last fetch failed, its requests and pages. */
  private sourceGauges(source: MetricsSource, registers: Registry[]): void {
    const gauge = (name: string, help: string, value: (s: SourceCount) => number): void => {
      new Gauge({
        name,
        help,
        labelNames: ["source"],
        registers,
        collect() {
          this.reset();
          for (const row of source.sources()) this.set({ source: row.source }, value(row));
        },
      });
    };
    gauge("paperbot_source_last_success_timestamp_seconds", "Unix time of the source's last fetch without error (0 before the first)", (s) => unixSeconds(s.lastSuccessAt));
    gauge("paperbot_source_last_error_timestamp_seconds", "Unix time of the source's last failed fetch (0 when none)", (s) => unixSeconds(s.lastErrorAt));
    gauge("paperbot_source_failing", "1 when the source's last fetch failed, until one succeeds", (s) => (s.lastError === null ? 0 : 1));
    gauge("paperbot_source_requests", "Requests made to the source, ever", (s) => s.requests);
    gauge("paperbot_source_pages", "Pages fetched from the source, ever", (s) => s.pages);
  }

  dumpIngested(newPapers: number): void {
    this.#dumps.inc({ status: "ingested" });
    this.#newPapers.inc(newPapers);
  }

  dumpRejected(): void {
    this.#dumps.inc({ status: "rejected" });
  }

  scanSucceeded(at: Date): void {
    this.#lastScan.set(at.getTime() / 1000);
  }

  /** One publish: its outcome and, when the platform answered, how long it took. */
  send(platform: string, outcome: "sent" | "failed" | "dead", seconds: number): void {
    this.#sends.inc({ platform, outcome });
    this.#latency.observe({ platform }, seconds);
  }

  /** The text format Prometheus scrapes, with `# HELP` and `# TYPE` lines. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
