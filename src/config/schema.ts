import { z } from "zod";

const cronish = z.string().trim().min(1);

/** A chat destination declared in the config file (platform channels and token-less webhooks). */
export const channelSchema = z.strictObject({
  platform: z.enum(["console", "discord", "slack"]),
  /** Channel id (Discord snowflake, Slack C…, console name) or omitted when `webhookUrl` is set. */
  id: z.string().trim().min(1).optional(),
  webhookUrl: z.url().optional(),
  schedule: cronish.optional(),
  timeZone: z.string().trim().min(1).optional(),
  minUpvotes: z.int().min(0).optional(),
  filter: z.string().max(500).optional(),
});

/** The config file: everything but secrets. Environment variables override the matching keys. */
export const fileSchema = z.strictObject({
  dataDir: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  inboxDir: z.string().min(1).optional(),
  inboxCron: cronish.optional(),
  deliveryCron: cronish.optional(),
  timeZone: z.string().min(1).optional(),
  httpPort: z.int().min(0).max(65535).optional(),
  digest: z
    .strictObject({
      schedule: cronish.optional(),
      firstRunLimit: z.int().min(1).max(500).optional(),
      maxPapersPerDigest: z.int().min(1).max(500).optional(),
    })
    .optional(),
  console: z
    .strictObject({
      channels: z.array(z.string().trim().min(1)).optional(),
      admins: z.array(z.string().trim().min(1)).optional(),
    })
    .optional(),
  discord: z
    .strictObject({
      apiUrl: z.url().optional(),
      guildIds: z.array(z.string().regex(/^\d{5,25}$/, "a Discord guild id (digits)")).optional(),
    })
    .optional(),
  slack: z
    .strictObject({
      apiUrl: z.url().optional(),
      port: z.int().min(0).max(65535).optional(),
      admins: z.array(z.string().trim().min(1)).optional(),
    })
    .optional(),
  channels: z.array(channelSchema).optional(),
});

export type ConfigFile = z.infer<typeof fileSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;

const emptyIsUnset = (value: unknown): unknown =>
  typeof value === "string" && value.trim() === "" ? undefined : value;
const optionalString = z.preprocess(emptyIsUnset, z.string().trim().min(1).optional());
const optionalPort = z.preprocess(
  emptyIsUnset,
  z.coerce.number().int("a whole number").min(0).max(65535).optional(),
);
const optionalUrl = z.preprocess(emptyIsUnset, z.url().optional());

/** The environment variables paperbot reads; an empty value counts as unset. */
export const envSchema = z.object({
  PAPERBOT_CONFIG: optionalString,
  PAPERBOT_DATA_DIR: optionalString,
  PAPERBOT_DB: optionalString,
  PAPERBOT_INBOX_DIR: optionalString,
  PAPERBOT_INBOX_CRON: optionalString,
  PAPERBOT_TIME_ZONE: optionalString,
  PAPERBOT_HTTP_PORT: optionalPort,
  PAPERBOT_LOG_LEVEL: z.preprocess(emptyIsUnset, z.enum(["debug", "info", "warn", "error"]).optional()),
  DISCORD_TOKEN: optionalString,
  PAPERBOT_DISCORD_API_URL: optionalUrl,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  PAPERBOT_SLACK_API_URL: optionalUrl,
  PAPERBOT_SLACK_PORT: optionalPort,
});

export type EnvSettings = z.infer<typeof envSchema>;
