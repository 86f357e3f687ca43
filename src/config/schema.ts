import { z } from "zod";
import { PLATFORM_NAMES } from "../adapters/index.js";
import { envFlag, envHost, envPort, envString, hostSchema } from "../env-values.js";

const cronish = z.string().trim().min(1);

/** A chat destination declared in the config file (platform channels and token-less webhooks). */
export const channelSchema = z.strictObject({
  platform: z.enum(PLATFORM_NAMES),
  /** Channel id (Discord snowflake, Slack C…, console name) or omitted when `webhookUrl` is set. */
  id: z.string().trim().min(1).optional(),
  webhookUrl: z.url().optional(),
  schedule: cronish.optional(),
  timeZone: z.string().trim().min(1).optional(),
  minUpvotes: z.int().min(0).optional(),
  filter: z.string().max(500).optional(),
  /** Digests as a header message with the papers in its thread. */
  thread: z.boolean().optional(),
});

/**
 * The config file's own keys: everything but secrets and the platforms' sections (each platform
 * module validates its own). Environment variables override the matching keys.
 */
export const fileSchema = z.strictObject({
  dataDir: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  inboxDir: z.string().min(1).optional(),
  inboxCron: cronish.optional(),
  deliveryCron: cronish.optional(),
  timeZone: z.string().min(1).optional(),
  httpPort: z.int().min(0).max(65535).optional(),
  httpHost: hostSchema.optional(),
  inboxFollowSymlinks: z.boolean().optional(),
  digest: z
    .strictObject({
      schedule: cronish.optional(),
      firstRunLimit: z.int().min(1).max(500).optional(),
      maxPapersPerDigest: z.int().min(1).max(500).optional(),
    })
    .optional(),
  channels: z.array(channelSchema).optional(),
});

export type ConfigFile = z.infer<typeof fileSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;

/** The environment variables paperbot itself reads (platforms declare theirs); an empty value counts as unset. */
export const envSchema = z.object({
  PAPERBOT_CONFIG: envString,
  PAPERBOT_DATA_DIR: envString,
  PAPERBOT_DB: envString,
  PAPERBOT_INBOX_DIR: envString,
  PAPERBOT_INBOX_CRON: envString,
  PAPERBOT_TIME_ZONE: envString,
  PAPERBOT_HTTP_PORT: envPort,
  PAPERBOT_HTTP_HOST: envHost,
  PAPERBOT_INBOX_FOLLOW_SYMLINKS: envFlag,
  PAPERBOT_LOG_LEVEL: z.preprocess(
    (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.enum(["debug", "info", "warn", "error"]).optional(),
  ),
  PAPERBOT_LOG_FORMAT: z.preprocess(
    (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.enum(["human", "json"]).optional(),
  ),
});

export type EnvSettings = z.infer<typeof envSchema>;
