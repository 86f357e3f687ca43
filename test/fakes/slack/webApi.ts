/** Web API dispatcher (`POST /api/<method>`): auth, failure injection, call log, and the non-chat methods. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { chatMethods, type ApiHandler } from "./chatMethods.js";
import { BadRequestBody, listArg, parseBody, readBody, sendJson, sendText, strArg } from "./httpUtil.js";
import type { SlackState } from "./state.js";
import type { CallRecord, FakeUserInput, JsonObject } from "./types.js";

const fail = (error: string): JsonObject => ({ ok: false, error });

export function userView(state: SlackState, u: FakeUserInput): JsonObject {
  const realName = u.realName ?? u.name;
  return {
    id: u.id,
    team_id: state.cfg.teamId,
    name: u.name,
    real_name: realName,
    deleted: u.deleted ?? false,
    tz: u.tz ?? "Etc/UTC",
    is_admin: u.isAdmin ?? false,
    is_owner: u.isOwner ?? false,
    is_primary_owner: u.isPrimaryOwner ?? false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: u.isBot ?? false,
    is_app_user: false,
    profile: { real_name: realName, display_name: u.name },
  };
}

const authTest: ApiHandler = ({ state }) => ({
  ok: true,
  url: `https://${state.cfg.teamDomain}.slack.com/`,
  team: "Fake Workspace",
  user: "paperbot",
  team_id: state.cfg.teamId,
  user_id: state.cfg.botUserId,
  bot_id: state.cfg.botId,
  is_enterprise_install: false,
});

const usersInfo: ApiHandler = ({ state, args }) => {
  const user = state.users.get(strArg(args.user) ?? "");
  return user === undefined ? fail("user_not_found") : { ok: true, user: userView(state, user) };
};

const conversationsOpen: ApiHandler = ({ state, args }) => {
  const existing = strArg(args.channel);
  if (existing !== undefined && existing !== "") return { ok: true, channel: { id: existing } };
  const ids = listArg(args.users);
  if (ids.length === 0) return fail("users_list_not_supplied");
  if (ids.length > 8) return fail("too_many_users");
  for (const id of ids) {
    const user = state.users.get(id);
    if (user === undefined) return fail("user_not_found");
    if (user.inactive === true || user.deleted === true) return fail("account_inactive");
  }
  const [first] = ids;
  const id = ids.length === 1 && first !== undefined ? state.dmChannelFor(first) : `G${[...ids].sort().join("").replace(/[UW]/g, "")}`;
  const already = state.openedDms.has(id);
  state.openedDms.add(id);
  return { ok: true, ...(already ? { no_op: true, already_open: true } : {}), channel: { id } };
};

/** Like Slack: a private channel the bot is not in is `channel_not_found`; a public one it has not joined has is_member false. */
const conversationsInfo: ApiHandler = ({ state, args }) => {
  const id = strArg(args.channel) ?? "";
  if (id === "") return fail("channel_not_found");
  const failure = state.channelFailures.get(id);
  if (failure === "channel_not_found") return fail("channel_not_found");
  const info = state.channelInfo.get(id) ?? {};
  return {
    ok: true,
    channel: {
      id,
      name: info.name ?? id.toLowerCase(),
      is_channel: info.isPrivate !== true,
      is_private: info.isPrivate === true,
      is_archived: failure === "is_archived",
      is_member: failure !== "not_in_channel",
    },
  };
};

const connectionsOpen: ApiHandler = ({ socketUrl }) => ({ ok: true, url: socketUrl() });

/** The non-chat methods a workspace adds (file uploads), keyed by method name. */
export type ExtraMethods = Readonly<Record<string, ApiHandler>>;

const handlers: Record<string, ApiHandler> = {
  ...chatMethods,
  "auth.test": authTest,
  "users.info": usersInfo,
  "conversations.open": conversationsOpen,
  "conversations.info": conversationsInfo,
  "apps.connections.open": connectionsOpen,
};

/** Methods that need the app-level (xapp-) token; every other method needs the bot token. */
const APP_TOKEN_METHODS = new Set(["apps.connections.open"]);

function tokenOf(req: IncomingMessage, args: JsonObject): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === "string" && header.startsWith("Bearer ")) return header.slice("Bearer ".length).trim();
  return strArg(args.token);
}

function tokenKind(state: SlackState, token: string | undefined): CallRecord["tokenKind"] {
  if (token === undefined || token === "") return "none";
  if (token === state.cfg.botToken) return "bot";
  if (token === state.cfg.appToken) return "app";
  return "invalid";
}

function authError(method: string, kind: CallRecord["tokenKind"]): string | undefined {
  if (kind === "none") return "not_authed";
  if (kind === "invalid") return "invalid_auth";
  const needs = APP_TOKEN_METHODS.has(method) ? "app" : "bot";
  return kind === needs ? undefined : "not_allowed_token_type";
}

export async function handleApiRequest(
  state: SlackState,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
  socketUrl: () => string,
  extra: ExtraMethods = {},
): Promise<void> {
  const raw = await readBody(req);
  let args: JsonObject;
  try {
    args = parseBody(req, raw);
  } catch (err) {
    const error = err instanceof BadRequestBody ? err.message : "invalid_form_data";
    sendJson(res, 200, fail(error));
    return;
  }
  const kind = tokenKind(state, tokenOf(req, args));
  const record: CallRecord = { method, args: { ...args }, tokenKind: kind, time: Date.now(), status: 200, result: undefined };
  delete record.args.token;

  const injected = state.takeInjection(method);
  if (injected?.kind === "ratelimit") {
    record.status = 429;
    record.result = fail("ratelimited");
    sendJson(res, 429, record.result, { "retry-after": String(injected.retryAfterSeconds) });
  } else if (injected?.kind === "http") {
    record.status = injected.status;
    sendText(res, injected.status, `fake upstream error ${injected.status}`);
  } else {
    const handler = handlers[method] ?? extra[method];
    const authErr = handler === undefined ? undefined : authError(method, kind);
    if (handler === undefined) record.result = fail("unknown_method");
    else if (authErr !== undefined) record.result = fail(authErr);
    else record.result = handler({ state, args, socketUrl });
    sendJson(res, 200, record.result);
  }
  state.calls.push(record);
}
