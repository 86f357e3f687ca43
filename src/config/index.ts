import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { PLATFORMS, type PlatformModule, type PlatformSettings } from "../adapters/index.js";
import { didYouMean } from "../suggest.js";
import { PaperbotError } from "../errors.js";
import type { Redaction } from "../log.js";
import { stripJsonComments } from "./jsonc.js";
import { envSchema, fileSchema, type ChannelConfig, type ConfigFile, type EnvSettings } from "./schema.js";
import type { SourceConfig } from "../sources/types.js";
import { resolveSources } from "./sources.js";
import { checkChannels, checkCron, checkSchedule, checkTimeZone } from "./validate.js";

export type { ChannelConfig } from "./schema.js";
export type { PlatformSettings } from "../adapters/index.js";
export type { SourceConfig, SourceHttpSettings } from "../sources/types.js";
export { SOURCE_DEFAULTS } from "./sources.js";

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

/** The process's environment: config/ is its only reader; the command line hands it to loadConfig. */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}

const LIST = PLATFORMS as readonly PlatformModule<unknown>[];

function unwrapOptional(node: z.ZodType | undefined): z.ZodType | undefined {
  let current = node;
  while (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  return current;
}

/** The keys the file schema allows at a path (`channels.0` → a channel's keys), for "did you mean". */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node = unwrapOptional(schema);
  for (const step of path) {
    if (node instanceof z.ZodArray && typeof step === "number") node = unwrapOptional(node.element as z.ZodType);
    else if (node instanceof z.ZodObject) node = unwrapOptional((node.shape as Record<string, z.ZodType>)[String(step)]);
    else return [];
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function describeIssues(
  prefix: string,
  error: z.ZodError,
  keyName: (path: PropertyKey[]) => string,
  schema: z.ZodType = fileSchema,
): string[] {
  return error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      const known = [...keysAt(schema, issue.path), ...(issue.path.length === 0 && schema === fileSchema ? LIST.map((p) => p.name) : [])];
      const named = issue.keys.map((key) => `"${key}"${didYouMean(key, known)}`);
      return `${prefix} ${keyName(issue.path)}: unknown key${issue.keys.length === 1 ? "" : "s"} ${named.join(", ")}`;
    }
    return `${prefix} ${keyName(issue.path)}: ${issue.message}`;
  });
}

const dotted = (p: PropertyKey[]): string => p.map(String).join(".") || "(root)";

/** The config file: its own keys, and each platform's section validated by that platform. */
function readConfigFile(path: string, problems: string[]): { file: ConfigFile; sections: Record<string, unknown> } {
  const empty = { file: {}, sections: {} };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    problems.push(`config file ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    return empty;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(stripJsonComments(text));
  } catch (error) {
    problems.push(`config file ${path}: not valid JSON (${(error as Error).message})`);
    return empty;
  }
  const own: Record<string, unknown> = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? { ...raw } : {};
  const sections: Record<string, unknown> = {};
  let sectionsOk = true;
  for (const platform of LIST) {
    const parsed = platform.configSection.safeParse(own[platform.name]);
    delete own[platform.name];
    if (parsed.success) sections[platform.name] = parsed.data;
    else {
      sectionsOk = false;
      problems.push(...describeIssues("config key", parsed.error, (p) => dotted([platform.name, ...p]), platform.configSection));
    }
  }
  const parsed = fileSchema.safeParse(own === raw ? raw : own);
  if (!parsed.success) {
    problems.push(...describeIssues("config key", parsed.error, dotted));
    return empty;
  }
  return { file: parsed.data, sections: sectionsOk ? sections : {} };
}

/** Reads each variable on its own, so one bad value does not hide the others' problems. */
function readEnv(env: Record<string, string | undefined>, problems: string[]): { own: EnvSettings; all: Record<string, unknown> } {
  const shapes: Record<string, z.ZodType> = { ...envSchema.shape, ...Object.assign({}, ...LIST.map((p) => p.env)) };
  const values: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shapes)) {
    const parsed = schema.safeParse(env[key]);
    if (parsed.success) {
      if (parsed.data !== undefined) values[key] = parsed.data;
    } else problems.push(...describeIssues(`environment variable ${key}`, parsed.error, () => "").map((m) => m.replace(/ :/, ":")));
  }
  const own = envSchema.safeParse(Object.fromEntries(Object.keys(envSchema.shape).flatMap((k) => (k in values ? [[k, values[k]]] : []))));
  return { own: own.success ? own.data : {}, all: values };
}

/** The config file `loadConfig` reads (absolute), or null when everything comes from the environment. */
export function configFilePath(env: Record<string, string | undefined>, cwd: string = process.cwd()): string | null {
  const named = env["PAPERBOT_CONFIG"]?.trim();
  return named === undefined || named === "" ? null : resolve(cwd, named);
}

/**
 * Loads the configuration from the environment and the optional config file, validated whole:
 * every problem is reported at once, by key, in one PaperbotError. Schedules, crons, filters and
 * webhook URLs are checked by the code that will use them, so a config the bot cannot run is
 * refused here rather than misbehaving later.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const { own: e, all } = readEnv(env, problems);
  const { file, sections } = e.PAPERBOT_CONFIG === undefined ? { file: {} as ConfigFile, sections: {} } : readConfigFile(resolve(cwd, e.PAPERBOT_CONFIG), problems);

  const dataDir = resolve(cwd, e.PAPERBOT_DATA_DIR ?? file.dataDir ?? "data");
  const timeZone = e.PAPERBOT_TIME_ZONE ?? file.timeZone ?? DEFAULTS.timeZone;
  checkTimeZone("timeZone", timeZone, problems);
  const inboxCron = e.PAPERBOT_INBOX_CRON ?? file.inboxCron ?? DEFAULTS.inboxCron;
  checkCron("PAPERBOT_INBOX_CRON / inboxCron", inboxCron, problems);
  const deliveryCron = file.deliveryCron ?? DEFAULTS.deliveryCron;
  checkCron("deliveryCron", deliveryCron, problems);
  const digestSchedule = file.digest?.schedule ?? DEFAULTS.digestSchedule;
  checkSchedule("digest.schedule", digestSchedule, problems);
  checkChannels(file.channels ?? [], LIST, problems);
  const platforms: Record<string, unknown> = {};
  for (const platform of LIST) platforms[platform.name] = platform.settings(all, sections[platform.name], problems);
  const sources = resolveSources(file.sources, { hf: e.PAPERBOT_HF_API_URL, arxiv: e.PAPERBOT_ARXIV_API_URL }, inboxCron, problems);
  for (const source of sources) checkCron(`config key sources (${source.name}).schedule`, source.schedule, problems);
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
