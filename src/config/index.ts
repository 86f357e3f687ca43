import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { validate as validateCron } from "node-cron";
import type { z } from "zod";
import { PaperbotError } from "../errors.js";
import { stripJsonComments } from "./jsonc.js";
import { envSchema, fileSchema, type ChannelConfig, type ConfigFile, type EnvSettings } from "./schema.js";

export type { ChannelConfig } from "./schema.js";

/** Discord credentials and endpoints; present only when DISCORD_TOKEN is set. */
export interface DiscordSettings {
  token: string;
  apiUrl: string;
  guildIds: string[];
}

/** Slack credentials; Socket Mode when appToken is set, else the HTTP receiver on `port`. */
export interface SlackSettings {
  botToken: string;
  signingSecret: string | null;
  appToken: string | null;
  apiUrl: string;
  port: number;
  admins: string[];
}

/** The whole, validated configuration. Built once by loadConfig; nothing else reads process.env. */
export interface Config {
  dataDir: string;
  dbPath: string;
  inboxDir: string;
  inboxCron: string;
  deliveryCron: string;
  timeZone: string;
  httpPort: number | null;
  logLevel: "debug" | "info" | "warn" | "error";
  digest: { schedule: string; firstRunLimit: number; maxPapersPerDigest: number };
  console: { channels: string[]; admins: string[] };
  discord: DiscordSettings | null;
  slack: SlackSettings | null;
  channels: ChannelConfig[];
  /** Secret values, so loggers can redact them wherever they appear. */
  secrets: string[];
}

export const DEFAULTS = {
  inboxCron: "*/10 * * * *",
  deliveryCron: "*/30 * * * * *",
  timeZone: "UTC",
  digestSchedule: "daily 09:00",
  firstRunLimit: 10,
  maxPapersPerDigest: 25,
  discordApiUrl: "https://discord.com/api",
  slackApiUrl: "https://slack.com/api/",
  slackPort: 3000,
} as const;

function describeIssues(prefix: string, error: z.ZodError, keyName: (path: PropertyKey[]) => string): string[] {
  return error.issues.map((issue) => `${prefix} ${keyName(issue.path)}: ${issue.message}`);
}

function readConfigFile(path: string, problems: string[]): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    problems.push(`config file ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    return {};
  }
  let raw: unknown;
  try {
    raw = JSON.parse(stripJsonComments(text));
  } catch (error) {
    problems.push(`config file ${path}: not valid JSON (${(error as Error).message})`);
    return {};
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...describeIssues("config key", parsed.error, (p) => p.map(String).join(".") || "(root)"));
    return {};
  }
  return parsed.data;
}

/** Reads each variable on its own, so one bad value does not hide the others' problems. */
function readEnv(env: Record<string, string | undefined>, problems: string[]): EnvSettings {
  const values: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(envSchema.shape)) {
    const parsed = schema.safeParse(env[key]);
    if (parsed.success) values[key] = parsed.data;
    else problems.push(...describeIssues(`environment variable ${key}`, parsed.error, () => "").map((m) => m.replace(/ :/, ":")));
  }
  return envSchema.parse(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)));
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function checkCron(key: string, value: string, problems: string[]): void {
  if (!validateCron(value)) problems.push(`${key}: "${value}" is not a valid cron expression`);
}

/**
 * Loads the configuration from the environment and the optional config file, validated whole:
 * every problem is reported at once, by key, in one PaperbotError.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const e = readEnv(env, problems);
  const file = e.PAPERBOT_CONFIG === undefined ? {} : readConfigFile(resolve(cwd, e.PAPERBOT_CONFIG), problems);

  const dataDir = resolve(cwd, e.PAPERBOT_DATA_DIR ?? file.dataDir ?? "data");
  const timeZone = e.PAPERBOT_TIME_ZONE ?? file.timeZone ?? DEFAULTS.timeZone;
  if (!isTimeZone(timeZone)) problems.push(`timeZone: "${timeZone}" is not a known IANA time zone`);
  const inboxCron = e.PAPERBOT_INBOX_CRON ?? file.inboxCron ?? DEFAULTS.inboxCron;
  checkCron("PAPERBOT_INBOX_CRON / inboxCron", inboxCron, problems);
  const deliveryCron = file.deliveryCron ?? DEFAULTS.deliveryCron;
  checkCron("deliveryCron", deliveryCron, problems);
  for (const [i, channel] of (file.channels ?? []).entries()) {
    if ((channel.id === undefined) === (channel.webhookUrl === undefined)) {
      problems.push(`config key channels.${i}: give exactly one of "id" or "webhookUrl"`);
    }
    if (channel.timeZone !== undefined && !isTimeZone(channel.timeZone)) {
      problems.push(`config key channels.${i}.timeZone: "${channel.timeZone}" is not a known IANA time zone`);
    }
  }
  if (e.SLACK_BOT_TOKEN !== undefined && e.SLACK_APP_TOKEN === undefined && e.SLACK_SIGNING_SECRET === undefined) {
    problems.push("SLACK_SIGNING_SECRET: required for the HTTP receiver when SLACK_APP_TOKEN is not set");
  }
  if (e.SLACK_BOT_TOKEN === undefined && (e.SLACK_APP_TOKEN !== undefined || e.SLACK_SIGNING_SECRET !== undefined)) {
    problems.push("SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set");
  }
  if (problems.length > 0) {
    throw new PaperbotError("CONFIG_INVALID", `invalid configuration: ${problems.join("; ")}`);
  }

  const discord: DiscordSettings | null =
    e.DISCORD_TOKEN === undefined
      ? null
      : {
          token: e.DISCORD_TOKEN,
          apiUrl: e.PAPERBOT_DISCORD_API_URL ?? file.discord?.apiUrl ?? DEFAULTS.discordApiUrl,
          guildIds: file.discord?.guildIds ?? [],
        };
  const slack: SlackSettings | null =
    e.SLACK_BOT_TOKEN === undefined
      ? null
      : {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET ?? null,
          appToken: e.SLACK_APP_TOKEN ?? null,
          apiUrl: e.PAPERBOT_SLACK_API_URL ?? file.slack?.apiUrl ?? DEFAULTS.slackApiUrl,
          port: e.PAPERBOT_SLACK_PORT ?? file.slack?.port ?? DEFAULTS.slackPort,
          admins: file.slack?.admins ?? [],
        };
  const secrets = [e.DISCORD_TOKEN, e.SLACK_BOT_TOKEN, e.SLACK_SIGNING_SECRET, e.SLACK_APP_TOKEN].filter(
    (s): s is string => s !== undefined,
  );
  return {
    dataDir,
    dbPath: resolve(cwd, e.PAPERBOT_DB ?? file.db ?? resolve(dataDir, "paperbot.db")),
    inboxDir: resolve(cwd, e.PAPERBOT_INBOX_DIR ?? file.inboxDir ?? resolve(dataDir, "inbox")),
    inboxCron,
    deliveryCron,
    timeZone,
    httpPort: e.PAPERBOT_HTTP_PORT ?? file.httpPort ?? null,
    logLevel: e.PAPERBOT_LOG_LEVEL ?? "info",
    digest: {
      schedule: file.digest?.schedule ?? DEFAULTS.digestSchedule,
      firstRunLimit: file.digest?.firstRunLimit ?? DEFAULTS.firstRunLimit,
      maxPapersPerDigest: file.digest?.maxPapersPerDigest ?? DEFAULTS.maxPapersPerDigest,
    },
    console: { channels: file.console?.channels ?? ["papers"], admins: file.console?.admins ?? [] },
    discord,
    slack,
    channels: file.channels ?? [],
    secrets,
  };
}
