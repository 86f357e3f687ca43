import { randomToken, snowflake } from "./snowflake.js";
import type { FakeUser } from "./types.js";
import { DEFAULT_EVERYONE_PERMISSIONS, makeUser } from "./world.js";

/** Ids the fake uses by default, so standalone builders and a default fake agree. */
export const DEFAULTS = {
  applicationId: "1290000000000000001",
  botUserId: "1290000000000000001",
  guildId: "1290000000000000100",
  channelId: "1290000000000000101",
  user: makeUser("1290000000000000042", "ada", { global_name: "Ada" }),
} as const;

/** ApplicationCommandOptionType numbers as Discord sends them. */
export const OptionType = {
  Subcommand: 1, SubcommandGroup: 2, String: 3, Integer: 4, Boolean: 5,
  User: 6, Channel: 7, Role: 8, Mentionable: 9, Number: 10, Attachment: 11,
} as const;

export const PermissionBits = {
  ManageChannels: 1n << 4n, ManageGuild: 1n << 5n, Administrator: 1n << 3n, SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n, ViewChannel: 1n << 10n, UseApplicationCommands: 1n << 31n, AttachFiles: 1n << 15n,
} as const;

export type OptionValue = string | number | boolean;
export type PermissionsInput = bigint | number | string;

export interface CommandOption {
  name: string;
  type: number;
  value?: OptionValue;
  focused?: boolean;
  options?: CommandOption[];
}

/** Where and by whom an interaction happens. Without `guildId` and with `dm: true` it is a bot DM. */
export interface InteractionContextInput {
  id?: string;
  token?: string;
  applicationId?: string;
  guildId?: string;
  channelId?: string;
  channelName?: string;
  dm?: boolean;
  user?: Partial<FakeUser>;
  /** member.permissions (decimal string bitfield as Discord sends); e.g. PermissionBits.ManageGuild. */
  memberPermissions?: PermissionsInput;
  memberRoles?: string[];
  appPermissions?: PermissionsInput;
  locale?: string;
  guildLocale?: string;
}

export interface SlashCommandInput extends InteractionContextInput {
  name: string;
  commandId?: string;
  group?: string;
  subcommand?: string;
  /** Leaf options: a name → value map (types inferred or from `optionTypes`), or explicit options. */
  options?: Record<string, OptionValue> | CommandOption[];
  /** Option types by name, e.g. `{ limit: OptionType.Integer, who: OptionType.User }`. */
  optionTypes?: Record<string, number>;
  /** Guild command (data.guild_id) rather than global. */
  commandGuildId?: string;
}

export interface AutocompleteInput extends SlashCommandInput {
  focused: { name: string; value: string; type?: number };
}

export interface ButtonClickInput extends InteractionContextInput {
  customId: string;
  messageId?: string;
  /** The message the component is on (full Discord message object); synthesized if absent. */
  message?: Record<string, unknown>;
  /** 2 button (default); 3 string select etc. */
  componentType?: number;
  values?: string[];
}

export interface InteractionPayload {
  id: string;
  token: string;
  type: number;
  application_id: string;
  version: 1;
  data: Record<string, unknown>;
  channel_id: string;
  channel: Record<string, unknown>;
  guild_id?: string;
  [key: string]: unknown;
}

const toDecimal = (value: PermissionsInput | undefined, fallback: string): string =>
  value === undefined ? fallback : BigInt(value).toString();

function inferType(value: OptionValue): number {
  if (typeof value === "boolean") return OptionType.Boolean;
  if (typeof value === "number") return Number.isInteger(value) ? OptionType.Integer : OptionType.Number;
  return OptionType.String;
}

export function leafOptions(input: SlashCommandInput): CommandOption[] {
  const options = input.options ?? {};
  if (Array.isArray(options)) return options;
  return Object.entries(options).map(([name, value]) => ({
    name,
    type: input.optionTypes?.[name] ?? inferType(value),
    value,
  }));
}

/** Nests leaf options under SUBCOMMAND (1) and SUBCOMMAND_GROUP (2) like Discord does. */
export function nestOptions(input: { group?: string; subcommand?: string }, leaves: CommandOption[]): CommandOption[] {
  if (input.subcommand === undefined) return leaves;
  const sub: CommandOption = { name: input.subcommand, type: OptionType.Subcommand, options: leaves };
  if (input.group === undefined) return [sub];
  return [{ name: input.group, type: OptionType.SubcommandGroup, options: [sub] }];
}

/** The fields every interaction carries: ids, token, channel, member or user, permissions, locale. */
export function interactionBase(type: number, input: InteractionContextInput): InteractionPayload {
  const user: FakeUser = { ...DEFAULTS.user, ...input.user };
  const dm = input.dm === true && input.guildId === undefined;
  const guildId = dm ? undefined : (input.guildId ?? DEFAULTS.guildId);
  const channelId = input.channelId ?? (dm ? snowflake() : DEFAULTS.channelId);
  const appPermissions = toDecimal(input.appPermissions, (BigInt(DEFAULT_EVERYONE_PERMISSIONS) | PermissionBits.AttachFiles).toString());
  const common = {
    id: input.id ?? snowflake(),
    token: input.token ?? randomToken(),
    type,
    application_id: input.applicationId ?? DEFAULTS.applicationId,
    version: 1 as const,
    data: {},
    channel_id: channelId,
    app_permissions: appPermissions,
    locale: input.locale ?? "en-US",
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (guildId === undefined) {
    return {
      ...common,
      channel: { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [user] },
      user,
      context: 1,
      authorizing_integration_owners: { "0": "0" },
    };
  }
  return {
    ...common,
    guild_id: guildId,
    guild: { id: guildId, locale: input.guildLocale ?? "en-US", features: [] },
    guild_locale: input.guildLocale ?? "en-US",
    channel: {
      id: channelId, type: 0, guild_id: guildId, name: input.channelName ?? "papers", position: 0, flags: 0,
      parent_id: null, nsfw: false, topic: null, last_message_id: null, rate_limit_per_user: 0, permissions: appPermissions,
    },
    member: {
      user, roles: input.memberRoles ?? [], permissions: toDecimal(input.memberPermissions, DEFAULT_EVERYONE_PERMISSIONS),
      joined_at: new Date(Date.now() - 86_400_000).toISOString(), nick: null, avatar: null, deaf: false, mute: false,
      flags: 0, pending: false, premium_since: null, communication_disabled_until: null, unusual_dm_activity_until: null,
    },
    context: 0,
    authorizing_integration_owners: { "0": guildId },
  };
}

/** `resolved` data Discord adds for USER (6) and CHANNEL (7) options. */
function resolvedFor(leaves: CommandOption[]): Record<string, unknown> | undefined {
  const users: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  for (const option of leaves) {
    if (typeof option.value !== "string") continue;
    if (option.type === OptionType.User) users[option.value] = makeUser(option.value, `user${option.value.slice(-4)}`);
    if (option.type === OptionType.Channel) {
      channels[option.value] = { id: option.value, type: 0, name: "channel", permissions: DEFAULT_EVERYONE_PERMISSIONS, flags: 0 };
    }
  }
  if (Object.keys(users).length === 0 && Object.keys(channels).length === 0) return undefined;
  return { users, channels };
}

/** APPLICATION_COMMAND (type 2) interaction for a CHAT_INPUT command, e.g. `/papers search query:llm`. */
export function slashCommand(input: SlashCommandInput): InteractionPayload {
  const payload = interactionBase(2, input);
  const leaves = leafOptions(input);
  const resolved = resolvedFor(leaves);
  payload.data = {
    id: input.commandId ?? snowflake(),
    name: input.name,
    type: 1,
    ...(input.commandGuildId === undefined ? {} : { guild_id: input.commandGuildId }),
    options: nestOptions(input, leaves),
    ...(resolved === undefined ? {} : { resolved }),
  };
  return payload;
}

/** APPLICATION_COMMAND_AUTOCOMPLETE (type 4): the focused option carries the partial text. */
export function autocomplete(input: AutocompleteInput): InteractionPayload {
  const payload = interactionBase(4, input);
  const focused: CommandOption = {
    name: input.focused.name,
    type: input.focused.type ?? OptionType.String,
    value: input.focused.value,
    focused: true,
  };
  payload.data = {
    id: input.commandId ?? snowflake(),
    name: input.name,
    type: 1,
    ...(input.commandGuildId === undefined ? {} : { guild_id: input.commandGuildId }),
    options: nestOptions(input, [...leafOptions(input), focused]),
  };
  return payload;
}

/** MESSAGE_COMPONENT (type 3) interaction: a button click (or select with `values`). */
export function buttonClick(input: ButtonClickInput): InteractionPayload {
  const payload = interactionBase(3, input);
  const componentType = input.componentType ?? 2;
  payload.data = {
    custom_id: input.customId,
    component_type: componentType,
    ...(input.values === undefined ? {} : { values: input.values }),
  };
  payload["message"] = input.message ?? {
    id: input.messageId ?? snowflake(),
    channel_id: payload.channel_id,
    type: 0,
    content: "",
    embeds: [],
    components: [],
    attachments: [],
    author: makeUser(DEFAULTS.botUserId, "PaperBot", { bot: true }),
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: 0,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
  };
  return payload;
}
