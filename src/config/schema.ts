import { z } from "zod";
import { PLATFORM_NAMES } from "../adapters/index.js";
import { envSchemaOf, hostSchema } from "./env-schemas.js";
import { PAPERBOT_ENV } from "./own-env.js";

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

const sourceName = z.string().trim().regex(/^[a-z0-9][a-z0-9_-]*$/iu, "letters, digits, - and _");
const politeness = {
  name: sourceName.optional(),
  schedule: cronish.optional(),
  /** Milliseconds between two requests to the source (arXiv asks for 3000 at least). */
  minIntervalMs: z.int().min(0).max(600_000).optional(),
  timeoutMs: z.int().min(100).max(600_000).optional(),
  retries: z.int().min(0).max(10).optional(),
  backoffMs: z.int().min(0).max(600_000).optional(),
};

/** A place papers come from: the Daily Papers API, the arXiv export API, or the inbox folder. */
export const sourceSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("huggingface"), ...politeness, apiUrl: z.url().optional(), pageSize: z.int().min(1).max(100).optional() }),
  z.strictObject({
    type: z.literal("arxiv"),
    ...politeness,
    apiUrl: z.url().optional(),
    categories: z.array(z.string().trim().regex(/^[a-z-]+(\.[A-Za-z-]+)?$/u, "an arXiv category such as cs.LG")).min(1),
    pageSize: z.int().min(1).max(2000).optional(),
    backfillWindowDays: z.int().min(1).max(92).optional(),
  }),
  z.strictObject({ type: z.literal("inbox"), name: sourceName.optional(), schedule: cronish.optional() }),
]);

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
      tldr: z.enum(["extractive", "ai-summary"]).optional(),
    })
    .optional(),
  channels: z.array(channelSchema).optional(),
  sources: z.array(sourceSchema).optional(),
});

export type ConfigFile = z.infer<typeof fileSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;
export type SourceFileEntry = z.infer<typeof sourceSchema>;

/** The environment variables paperbot itself reads (platforms declare theirs); an empty value counts as unset. */
export const envSchema = z.object(Object.fromEntries(Object.entries(PAPERBOT_ENV).map(([key, kind]) => [key, envSchemaOf(kind)])));

export type { EnvSettings } from "./own-env.js";
