/** Shared types for the fake Slack server used by end-to-end tests. */

export type JsonObject = Record<string, unknown>;

export interface FakeSlackOptions {
  /** Bot token accepted by Web API methods (default `xoxb-fake-bot-token`). */
  botToken?: string;
  /** App-level token accepted by `apps.connections.open` (default `xapp-1-fake-app-token`). */
  appToken?: string;
  teamId?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** Default timeout for the `waitFor*` helpers (default 2000 ms). */
  waitTimeoutMs?: number;
  /** How long `sendSlashCommand` & co. wait for an ack before rejecting (default 3000 ms, like Slack). */
  ackTimeoutMs?: number;
}

/** A message stored by chat.postMessage / chat.postEphemeral / chat.update / an incoming webhook. */
export interface StoredMessage {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: JsonObject[] | undefined;
  metadata: { event_type: string; event_payload: JsonObject } | undefined;
  thread_ts: string | undefined;
  reply_broadcast: boolean;
  unfurl_links: boolean | undefined;
  unfurl_media: boolean | undefined;
  /** Set for chat.postEphemeral: the only user who can see the message. */
  ephemeralTo: string | undefined;
  via: "chat.postMessage" | "chat.postEphemeral" | "webhook";
  /** Slack warnings attached to the call that created/last updated it, e.g. `missing_text_in_blocks`. */
  warnings: string[];
  /** Number of successful chat.update calls on this message. */
  edits: number;
  /** The raw, decoded arguments of the creating call (token removed). */
  args: JsonObject;
}

/** A payload POSTed to a fake `response_url` (what bolt's `respond()` sends). */
export interface RecordedResponse {
  /** The id part of `/response/:id`. */
  id: string;
  url: string;
  response_type: "ephemeral" | "in_channel" | undefined;
  replace_original: boolean | undefined;
  delete_original: boolean | undefined;
  text: string | undefined;
  blocks: JsonObject[] | undefined;
  thread_ts: string | undefined;
  /** HTTP status the fake answered with (200 when accepted). */
  status: number;
  /** Error given back when rejected (`invalid_blocks`, `no_text`, `used_url`, ...). */
  error: string | undefined;
  warnings: string[];
  body: JsonObject;
}

/** One entry of `fake.calls`: every Web API request, including rejected ones. */
export interface CallRecord {
  method: string;
  args: JsonObject;
  /** Which token was presented (`bot`, `app`, `invalid`, `none`). */
  tokenKind: "bot" | "app" | "invalid" | "none";
  /** `Date.now()` when the request arrived. */
  time: number;
  /** HTTP status sent back. */
  status: number;
  /** JSON body sent back (undefined for injected 5xx). */
  result: JsonObject | undefined;
}

export interface FakeUserInput {
  id: string;
  name: string;
  realName?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
  isBot?: boolean;
  deleted?: boolean;
  /** DMs to this user / conversations.open fail with `account_inactive`. */
  inactive?: boolean;
  tz?: string;
}

export type ChannelFailure = "channel_not_found" | "not_in_channel" | "is_archived";

export interface SocketAck {
  envelope_id: string;
  payload?: JsonObject;
  /** Milliseconds between sending the envelope and receiving the ack. */
  latencyMs: number;
}

export interface SlashCommandFields {
  command: string;
  text: string;
  user_id: string;
  user_name: string;
  channel_id: string;
  channel_name: string;
  team_id: string;
  team_domain: string;
  response_url: string;
  trigger_id: string;
  api_app_id: string;
  token: string;
  is_enterprise_install: string;
}

export interface BlockActionInput {
  action_id: string;
  value?: string;
  block_id?: string;
  /** Button label; defaults to the value. */
  text?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  /** ts of the message holding the button (default: a fresh ts). */
  message_ts?: string;
  /** The message object to embed (default: a minimal bot message). */
  message?: JsonObject;
  response_url?: string;
  trigger_id?: string;
  api_app_id?: string;
  token?: string;
}
