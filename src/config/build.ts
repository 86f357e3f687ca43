import { resolve } from "node:path";
import { PLATFORMS, type PlatformModule, type PlatformSettings } from "../adapters/index.js";
import { PaperbotError } from "../errors.js";
import type { Redaction } from "../log.js";
import type { SourceConfig } from "../sources/types.js";
import type { EnvSettings } from "./own-env.js";
import type { ChannelConfig, ConfigFile } from "./schema.js";
import { resolveSources } from "./sources.js";

/** The whole, validated configuration. Built once by loadConfig; nothing else reads process.env. */
export type Config = PlatformSettings & {
  dataDir: string;
  dbPath: string;
  inboxDir: string;
  inboxCron: string;
  deliveryCron: string;
  timeZone: string;
  httpPort: number | null;
  /**
   * The address every HTTP listener binds (health and metrics, the Slack receiver): this machine
   * only unless the operator opens it, e.g. `0.0.0.0` behind a proxy or in a container.
   */
  httpHost: string;
  /** Follow symbolic links in the inbox that point outside it (off: such links are skipped). */
  inboxFollowSymlinks: boolean;
  logLevel: "debug" | "info" | "warn" | "error";
  logFormat: "human" | "json";
  digest: { schedule: string; firstRunLimit: number; maxPapersPerDigest: number; tldr: "extractive" | "ai-summary" };
  channels: ChannelConfig[];
  /** Where papers come from, each fetched on its own schedule. */
  sources: SourceConfig[];
  /** Where fetched responses are kept, one folder per source (`<dataDir>/archive`). */
  archiveDir: string;
  /** Secret values, so loggers can redact them wherever they appear. */
  secrets: string[];
  /** Credential shapes of every platform, redacted from log lines. */
  redactions: Redaction[];
};

export const DEFAULTS = {
  inboxCron: "*/10 * * * *",
  deliveryCron: "*/30 * * * * *",
  timeZone: "UTC",
  digestSchedule: "daily 09:00",
  firstRunLimit: 10,
  maxPapersPerDigest: 25,
  httpHost: "127.0.0.1",
} as const;

/** What has been read and typed: paperbot's variables, every variable's value, the file and each platform's section. */
export interface ConfigInput {
  env: EnvSettings;
  all: Record<string, unknown>;
  file: ConfigFile;
  sections: Record<string, unknown>;
}

/**
 * The checks of values a schema can only say are strings (config/validate.ts). Passed in, so the
 * configuration can be built without loading the cron and query parsers when every such value is
 * a default (config/quick.ts).
 */
export interface ConfigChecks {
  timeZone(key: string, zone: string, problems: string[]): void;
  cron(key: string, value: string, problems: string[]): void;
  schedule(key: string, value: string, problems: string[]): void;
  channels(channels: readonly ChannelConfig[], platforms: readonly PlatformModule<unknown>[], problems: string[]): void;
}

const LIST = PLATFORMS as readonly PlatformModule<unknown>[];

/** The configuration from what was read, with defaults; throws one PaperbotError naming every problem (those already found included). */
export function buildConfig(input: ConfigInput, cwd: string, check: ConfigChecks, problems: string[]): Config {
  const { env: e, all, file, sections } = input;
  const dataDir = resolve(cwd, e.PAPERBOT_DATA_DIR ?? file.dataDir ?? "data");
  const timeZone = e.PAPERBOT_TIME_ZONE ?? file.timeZone ?? DEFAULTS.timeZone;
  check.timeZone("timeZone", timeZone, problems);
  const inboxCron = e.PAPERBOT_INBOX_CRON ?? file.inboxCron ?? DEFAULTS.inboxCron;
  check.cron("PAPERBOT_INBOX_CRON / inboxCron", inboxCron, problems);
  const deliveryCron = file.deliveryCron ?? DEFAULTS.deliveryCron;
  check.cron("deliveryCron", deliveryCron, problems);
  const digestSchedule = file.digest?.schedule ?? DEFAULTS.digestSchedule;
  check.schedule("digest.schedule", digestSchedule, problems);
  check.channels(file.channels ?? [], LIST, problems);
  const platforms: Record<string, unknown> = {};
  for (const platform of LIST) platforms[platform.name] = platform.settings(all, sections[platform.name], problems);
  const sources = resolveSources(file.sources, { hf: e.PAPERBOT_HF_API_URL, arxiv: e.PAPERBOT_ARXIV_API_URL }, inboxCron, problems);
  for (const source of sources) check.cron(`config key sources (${source.name}).schedule`, source.schedule, problems);
  if (problems.length > 0) {
    throw new PaperbotError("CONFIG_INVALID", `invalid configuration: ${problems.join("; ")}`);
  }

  const secrets = LIST.flatMap((p) => p.secrets.map((key) => all[key])).filter((s): s is string => typeof s === "string");
  return {
    ...(platforms as PlatformSettings),
    dataDir,
    dbPath: resolve(cwd, e.PAPERBOT_DB ?? file.db ?? resolve(dataDir, "paperbot.db")),
    inboxDir: resolve(cwd, e.PAPERBOT_INBOX_DIR ?? file.inboxDir ?? resolve(dataDir, "inbox")),
    inboxCron,
    deliveryCron,
    timeZone,
    httpPort: e.PAPERBOT_HTTP_PORT ?? file.httpPort ?? null,
    httpHost: e.PAPERBOT_HTTP_HOST ?? file.httpHost ?? DEFAULTS.httpHost,
    inboxFollowSymlinks: e.PAPERBOT_INBOX_FOLLOW_SYMLINKS ?? file.inboxFollowSymlinks ?? false,
    logLevel: e.PAPERBOT_LOG_LEVEL ?? "info",
    logFormat: e.PAPERBOT_LOG_FORMAT ?? "human",
    digest: {
      schedule: digestSchedule,
      firstRunLimit: file.digest?.firstRunLimit ?? DEFAULTS.firstRunLimit,
      maxPapersPerDigest: file.digest?.maxPapersPerDigest ?? DEFAULTS.maxPapersPerDigest,
      tldr: file.digest?.tldr ?? "extractive",
    },
    channels: file.channels ?? [],
    sources,
    archiveDir: resolve(dataDir, "archive"),
    secrets,
    redactions: LIST.flatMap((p) => [...p.redactions]),
  };
}
