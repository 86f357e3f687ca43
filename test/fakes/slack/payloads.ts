/** Builders for the payloads Slack sends to apps: slash commands and block_actions. */
import type { BlockActionInput, JsonObject, SlashCommandFields } from "./types.js";

export interface PayloadDefaults {
  teamId: string;
  teamDomain: string;
  appId: string;
  botUserId: string;
  botId: string;
  /** Creates a fresh response_url on the fake. */
  newResponseUrl: () => string;
  nextTs: () => string;
}

/** Verification token Slack includes in payloads (deprecated, but still sent). */
export const FAKE_VERIFICATION_TOKEN = "fake-verification-token";

let triggerCounter = 0;
function triggerId(): string {
  triggerCounter += 1;
  return `${Date.now()}.${triggerCounter}.fake-trigger`;
}

/** A complete slash command (`/papers` by default) with every field Slack sends. */
export function slashCommandFields(d: PayloadDefaults, fields: Partial<SlashCommandFields> = {}): SlashCommandFields {
  return {
    token: FAKE_VERIFICATION_TOKEN,
    team_id: d.teamId,
    team_domain: d.teamDomain,
    channel_id: "C0GENERAL",
    channel_name: "general",
    user_id: "U0TESTUSER",
    user_name: "tester",
    command: "/papers",
    text: "",
    api_app_id: d.appId,
    is_enterprise_install: "false",
    response_url: fields.response_url ?? d.newResponseUrl(),
    trigger_id: triggerId(),
    ...fields,
  };
}

/** A `block_actions` payload for one button click. */
export function blockActionPayload(d: PayloadDefaults, input: BlockActionInput): JsonObject {
  const channelId = input.channel_id ?? "C0GENERAL";
  const userId = input.user_id ?? "U0TESTUSER";
  const userName = input.user_name ?? "tester";
  const teamId = input.team_id ?? d.teamId;
  const messageTs = input.message_ts ?? d.nextTs();
  const blockId = input.block_id ?? "fake_block";
  const label = input.text ?? input.value ?? input.action_id;
  const message = input.message ?? {
    type: "message",
    user: d.botUserId,
    bot_id: d.botId,
    app_id: d.appId,
    team: teamId,
    ts: messageTs,
    text: "fake message",
    blocks: [],
  };
  const action: JsonObject = {
    type: "button",
    action_id: input.action_id,
    block_id: blockId,
    text: { type: "plain_text", text: label, emoji: true },
    action_ts: d.nextTs(),
  };
  if (input.value !== undefined) action.value = input.value;
  return {
    type: "block_actions",
    user: { id: userId, username: userName, name: userName, team_id: teamId },
    api_app_id: input.api_app_id ?? d.appId,
    token: input.token ?? FAKE_VERIFICATION_TOKEN,
    container: { type: "message", message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    trigger_id: input.trigger_id ?? triggerId(),
    team: { id: teamId, domain: d.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: "general" },
    message,
    state: { values: {} },
    response_url: input.response_url ?? d.newResponseUrl(),
    actions: [action],
  };
}
