/** Shared types of the fake Discord (REST + gateway) used by end-to-end tests. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A Discord user object (the subset Discord sends in most payloads). */
export interface FakeUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
}

export type ChannelState = "ok" | "gone" | "forbidden" | "missing-permissions";

export interface FakeChannelConfig {
  id?: string;
  name: string;
  /** Discord channel type; 0 = GUILD_TEXT (default), 5 = GUILD_ANNOUNCEMENT, 4 = GUILD_CATEGORY. */
  type?: number;
}

export interface FakeGuildConfig {
  id?: string;
  name: string;
  channels?: FakeChannelConfig[];
  /** Extra members (the bot is always a member). */
  members?: FakeUser[];
  ownerId?: string;
  /** Permissions bitfield (decimal string) of the @everyone role; default: view/send/embed/read history. */
  everyonePermissions?: string;
}

export interface FakeDiscordOptions {
  /** The one bot token the fake accepts. */
  token?: string;
  applicationId?: string;
  botUser?: Partial<FakeUser>;
  /** Guilds the bot is in; default: one guild "Paper Lab" with text channel "papers". */
  guilds?: FakeGuildConfig[];
  /** heartbeat_interval sent in HELLO (ms). Discord uses 41250. */
  heartbeatIntervalMs?: number;
  /** Time allowed between dispatch and the initial interaction callback (Discord: 3000 ms). */
  interactionWindowMs?: number;
  /** Lifetime of an interaction token for follow-ups/edits (Discord: 15 min). */
  interactionTokenTtlMs?: number;
  /** How long enforce_nonce remembers a nonce (Discord: "a few minutes"). */
  nonceWindowMs?: number;
  /** Privileged intents (GuildMembers 1<<1, GuildPresences 1<<8, MessageContent 1<<15) the app may request. */
  allowedPrivilegedIntents?: number;
  /** Default timeout of the waitFor* helpers (ms). */
  waitTimeoutMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path below /api/v10, without the query string, e.g. `/channels/1/messages`. */
  path: string;
  /** Route template that matched, e.g. `POST /channels/:channelId/messages`, or null (404). */
  route: string | null;
  query: Record<string, string>;
  body: unknown;
  /** Names of uploaded multipart files, if any. */
  files: string[];
  headers: Record<string, string>;
  time: number;
  status: number;
  responseBody: unknown;
  /** Extra response headers (Retry-After, X-RateLimit-* on injected 429s). */
  responseHeaders: Record<string, string>;
}

/** What a handler answers; `body === undefined` means an empty body (204). */
export interface HttpReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RecordedCallback {
  interactionId: string;
  /** 4 reply, 5 deferred, 6 deferred update, 7 update message, 8 autocomplete, 9 modal. */
  type: number;
  data: JsonObject | undefined;
  at: number;
  /** Milliseconds since the INTERACTION_CREATE dispatch. */
  elapsedMs: number;
  status: number;
  /** Discord error code when rejected (10062, 40060, 50035, 50006 ...). */
  errorCode?: number;
  ephemeral: boolean;
  /** Message created/updated by this callback, if any. */
  messageId?: string;
}

export interface IdentifyRecord {
  token: string;
  tokenValid: boolean;
  intents: number;
  properties: unknown;
  shard: unknown;
  compress: boolean;
  at: number;
}

/** How to pick the requests a failure applies to; every given field must match. */
export interface FailureMatch {
  method?: string;
  /** Exact path below /api/v10 (no query), or a RegExp tested against it. */
  path?: string | RegExp;
  /** Route template, e.g. `POST /channels/:channelId/messages`. */
  route?: string;
  /** Channel the request targets (channel routes, incoming webhooks of that channel, interaction webhooks). */
  channelId?: string;
}

export type Failure =
  | { kind: "rateLimit"; retryAfter?: number; global?: boolean; scope?: "user" | "shared" | "global"; bucket?: string }
  | { kind: "server"; status?: number }
  | { kind: "discord"; code: number; status?: number; message?: string };
