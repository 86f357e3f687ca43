/** chat.postMessage / chat.postEphemeral / chat.update / conversations.history / conversations.replies. */
import { checkMessage } from "./blockKit.js";
import { boolArg, decodeJsonArg, strArg } from "./httpUtil.js";
import type { SlackState } from "./state.js";
import type { JsonObject, StoredMessage } from "./types.js";

export interface ApiContext {
  state: SlackState;
  args: JsonObject;
  /** Issues a one-time Socket Mode URL (apps.connections.open). */
  socketUrl: () => string;
}
export type ApiHandler = (ctx: ApiContext) => JsonObject;

const fail = (error: string, extra: JsonObject = {}): JsonObject => ({ ok: false, error, ...extra });

type Resolved = { ok: true; channel: string } | { ok: false; result: JsonObject };

/** Resolves a channel argument (C…, G…, D… or a user id → the bot's DM) and applies injected channel states. */
export function resolveChannel(state: SlackState, raw: unknown, mode: "write" | "read"): Resolved {
  const channel = strArg(raw);
  if (channel === undefined || channel === "") return { ok: false, result: fail("channel_not_found") };
  let id = channel;
  const user = /^[UW]/.test(channel) ? state.users.get(channel) : state.userForDm(channel);
  if (/^[UW]/.test(channel)) {
    if (user === undefined) return { ok: false, result: fail("channel_not_found") };
    id = state.dmChannelFor(channel);
  }
  if (user?.inactive === true || user?.deleted === true) return { ok: false, result: fail("account_inactive") };
  const failure = state.channelFailures.get(id) ?? state.channelFailures.get(channel);
  if (failure !== undefined && !(mode === "read" && failure === "is_archived")) {
    return { ok: false, result: fail(failure) };
  }
  return { ok: true, channel: id };
}

type Content =
  | { ok: true; blocks: JsonObject[] | undefined; metadata: StoredMessage["metadata"]; warnings: string[] }
  | { ok: false; result: JsonObject };

/** Decodes and validates text/blocks/attachments/metadata of a message-creating call. */
export function decodeContent(args: JsonObject): Content {
  const blocks = decodeJsonArg(args.blocks);
  if (!blocks.ok) return { ok: false, result: fail("invalid_blocks_format") };
  const attachments = decodeJsonArg(args.attachments);
  if (!attachments.ok) return { ok: false, result: fail("invalid_attachments") };
  const meta = decodeJsonArg(args.metadata);
  if (!meta.ok) return { ok: false, result: fail("invalid_metadata_format") };
  let metadata: StoredMessage["metadata"];
  if (meta.value !== undefined && meta.value !== "") {
    const m = meta.value as { event_type?: unknown; event_payload?: unknown } | null;
    if (typeof m?.event_type !== "string" || typeof m.event_payload !== "object" || m.event_payload === null) {
      return { ok: false, result: fail("invalid_metadata_schema") };
    }
    metadata = { event_type: m.event_type, event_payload: m.event_payload as JsonObject };
  }
  const check = checkMessage({ text: strArg(args.text), blocks: blocks.value, attachments: attachments.value });
  if (!check.ok) {
    const extra: JsonObject = {};
    if (check.errors !== undefined) {
      extra.errors = check.errors;
      extra.response_metadata = { messages: check.errors.map((e) => `[ERROR] ${e}`) };
    }
    return { ok: false, result: fail(check.error, extra) };
  }
  return { ok: true, blocks: blocks.value as JsonObject[] | undefined, metadata, warnings: check.warnings };
}

export function messageView(state: SlackState, m: StoredMessage, withMetadata: boolean): JsonObject {
  const { botUserId, botId, appId, teamId } = state.cfg;
  const view: JsonObject = { type: "message", user: botUserId, bot_id: botId, app_id: appId, team: teamId, ts: m.ts };
  if (m.text !== undefined) view.text = m.text;
  if (m.blocks !== undefined) view.blocks = m.blocks;
  if (m.thread_ts !== undefined) view.thread_ts = m.thread_ts;
  if (m.edits > 0) view.edited = { user: botUserId, ts: m.ts };
  if (withMetadata && m.metadata !== undefined) view.metadata = m.metadata;
  return view;
}

function warningFields(warnings: string[]): JsonObject {
  return warnings.length === 0 ? {} : { warning: warnings.join(","), response_metadata: { warnings } };
}

function withoutToken(args: JsonObject): JsonObject {
  const copy = { ...args };
  delete copy.token;
  return copy;
}

export function storeMessage(
  state: SlackState,
  channel: string,
  args: JsonObject,
  content: { blocks: JsonObject[] | undefined; metadata: StoredMessage["metadata"]; warnings: string[] },
  via: StoredMessage["via"],
  ephemeralTo?: string,
): StoredMessage {
  const message: StoredMessage = {
    channel,
    ts: state.nextTs(),
    text: strArg(args.text),
    blocks: content.blocks,
    metadata: content.metadata,
    thread_ts: strArg(args.thread_ts),
    reply_broadcast: boolArg(args.reply_broadcast) ?? false,
    unfurl_links: boolArg(args.unfurl_links),
    unfurl_media: boolArg(args.unfurl_media),
    ephemeralTo,
    via,
    warnings: content.warnings,
    edits: 0,
    args: withoutToken(args),
  };
  state.messages.push(message);
  return message;
}

const postMessage: ApiHandler = ({ state, args }) => {
  const ch = resolveChannel(state, args.channel, "write");
  if (!ch.ok) return ch.result;
  const content = decodeContent(args);
  if (!content.ok) return content.result;
  const m = storeMessage(state, ch.channel, args, content, "chat.postMessage");
  return { ok: true, channel: m.channel, ts: m.ts, message: messageView(state, m, true), ...warningFields(m.warnings) };
};

const postEphemeral: ApiHandler = ({ state, args }) => {
  const ch = resolveChannel(state, args.channel, "write");
  if (!ch.ok) return ch.result;
  const user = strArg(args.user);
  if (user === undefined || user === "") return fail("user_not_found");
  const known = state.users.get(user);
  if (known?.inactive === true || known?.deleted === true) return fail("user_not_in_channel");
  const content = decodeContent(args);
  if (!content.ok) return content.result;
  const m = storeMessage(state, ch.channel, args, content, "chat.postEphemeral", user);
  return { ok: true, message_ts: m.ts, ...warningFields(m.warnings) };
};

const update: ApiHandler = ({ state, args }) => {
  const ch = resolveChannel(state, args.channel, "write");
  if (!ch.ok) return ch.result;
  const ts = strArg(args.ts);
  const m = state.messages.items.find((x) => x.channel === ch.channel && x.ts === ts && x.ephemeralTo === undefined);
  if (m === undefined) return fail("message_not_found");
  const content = decodeContent(args);
  if (!content.ok) return content.result;
  if (args.text !== undefined) m.text = strArg(args.text);
  if (args.blocks !== undefined) m.blocks = content.blocks;
  if (args.metadata !== undefined) m.metadata = content.metadata;
  m.warnings = content.warnings;
  m.edits += 1;
  return { ok: true, channel: m.channel, ts: m.ts, text: m.text ?? "", message: messageView(state, m, true), ...warningFields(m.warnings) };
};

function page(all: StoredMessage[], args: JsonObject, state: SlackState): JsonObject {
  const limit = Math.min(Math.max(Number(strArg(args.limit) ?? 100) || 100, 1), 999);
  const offset = Number(strArg(args.cursor) ?? 0) || 0;
  const slice = all.slice(offset, offset + limit);
  const more = offset + limit < all.length;
  const withMetadata = boolArg(args.include_all_metadata) === true;
  return {
    ok: true,
    messages: slice.map((m) => messageView(state, m, withMetadata)),
    has_more: more,
    response_metadata: { next_cursor: more ? String(offset + limit) : "" },
  };
}

const history: ApiHandler = ({ state, args }) => {
  const ch = resolveChannel(state, args.channel, "read");
  if (!ch.ok) return ch.result;
  const oldest = Number(strArg(args.oldest) ?? 0);
  const latest = Number(strArg(args.latest) ?? Number.POSITIVE_INFINITY);
  const inclusive = boolArg(args.inclusive) === true;
  const inRange = (ts: number): boolean => (inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
  const all = state.messages.items
    .filter((m) => m.channel === ch.channel && m.ephemeralTo === undefined)
    .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts || m.reply_broadcast)
    .filter((m) => inRange(Number(m.ts)))
    .reverse();
  return { ...page(all, args, state), pin_count: 0, channel_actions_count: 0 };
};

const replies: ApiHandler = ({ state, args }) => {
  const ch = resolveChannel(state, args.channel, "read");
  if (!ch.ok) return ch.result;
  const ts = strArg(args.ts);
  const inChannel = state.messages.items.filter((m) => m.channel === ch.channel && m.ephemeralTo === undefined);
  const parent = inChannel.find((m) => m.ts === ts);
  if (parent === undefined) return fail("thread_not_found");
  return page([parent, ...inChannel.filter((m) => m.thread_ts === ts && m.ts !== ts)], args, state);
};

export const chatMethods: Record<string, ApiHandler> = {
  "chat.postMessage": postMessage,
  "chat.postEphemeral": postEphemeral,
  "chat.update": update,
  "conversations.history": history,
  "conversations.replies": replies,
};
