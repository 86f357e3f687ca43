import type { ChannelRecord } from "./store.js";
import { snowflake } from "./snowflake.js";
import type { ChannelState, FakeGuildConfig, FakeUser } from "./types.js";

/** VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS ... */
export const DEFAULT_EVERYONE_PERMISSIONS = String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 16n) | (1n << 31n) | (1n << 6n));

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  members: FakeUser[];
  everyonePermissions: string;
  joinedAt: string;
}

export function makeUser(id: string, username: string, extra: Partial<FakeUser> = {}): FakeUser {
  return { id, username, discriminator: "0", global_name: null, avatar: null, ...extra };
}

/** Guilds, channels, DM channels and users the fake knows about. */
export class World {
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly users = new Map<string, FakeUser>();
  readonly #dmByUser = new Map<string, string>();
  readonly #refusedDms = new Set<string>();

  constructor(
    readonly bot: FakeUser,
    configs: FakeGuildConfig[],
  ) {
    this.users.set(bot.id, bot);
    for (const config of configs) this.addGuild(config);
  }

  addGuild(config: FakeGuildConfig): GuildRecord {
    const id = config.id ?? snowflake();
    const members = config.members ?? [];
    for (const member of members) this.users.set(member.id, member);
    const guild: GuildRecord = {
      id,
      name: config.name,
      ownerId: config.ownerId ?? members[0]?.id ?? snowflake(),
      members,
      everyonePermissions: config.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS,
      joinedAt: new Date().toISOString(),
    };
    this.guilds.set(id, guild);
    (config.channels ?? []).forEach((channel, position) => {
      this.addChannel(id, channel.name, channel.type ?? 0, channel.id, position);
    });
    return guild;
  }

  addChannel(guildId: string, name: string, type = 0, id: string = snowflake(), position?: number): ChannelRecord {
    const record: ChannelRecord = {
      id,
      type,
      name,
      guildId,
      state: "ok",
      position: position ?? this.guildChannels(guildId).length,
    };
    this.channels.set(id, record);
    return record;
  }

  guildChannels(guildId: string): ChannelRecord[] {
    return [...this.channels.values()].filter((c) => c.guildId === guildId);
  }

  setChannelState(id: string, state: ChannelState): void {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`fake discord: unknown channel ${id}`);
    channel.state = state;
  }

  /** Returns (creating once) the DM channel with a user, like POST /users/@me/channels. */
  openDm(user: FakeUser): ChannelRecord {
    this.users.set(user.id, { ...user, ...this.users.get(user.id) });
    const existing = this.#dmByUser.get(user.id);
    const known = existing === undefined ? undefined : this.channels.get(existing);
    if (known) return known;
    const record: ChannelRecord = { id: snowflake(), type: 1, name: null, recipientId: user.id, state: "ok", position: 0 };
    this.channels.set(record.id, record);
    this.#dmByUser.set(user.id, record.id);
    return record;
  }

  /** Makes sure a channel an interaction names exists (DM channels get bound to their user). */
  ensureChannel(id: string, type: number, guildId: string | undefined, user: FakeUser): ChannelRecord {
    const known = this.channels.get(id);
    if (known) return known;
    if (guildId !== undefined) return this.addChannel(guildId, "channel", type, id);
    this.users.set(user.id, { ...user, ...this.users.get(user.id) });
    const record: ChannelRecord = { id, type: 1, name: null, recipientId: user.id, state: "ok", position: 0 };
    this.channels.set(id, record);
    if (!this.#dmByUser.has(user.id)) this.#dmByUser.set(user.id, id);
    return record;
  }

  dmChannelOf(userId: string): string | undefined {
    return this.#dmByUser.get(userId);
  }

  refuseDms(userId: string, refuse: boolean): void {
    if (refuse) this.#refusedDms.add(userId);
    else this.#refusedDms.delete(userId);
  }

  refusesDms(userId: string): boolean {
    return this.#refusedDms.has(userId);
  }

  user(id: string): FakeUser {
    return this.users.get(id) ?? makeUser(id, `user${id.slice(-4)}`);
  }

  channelObject(channel: ChannelRecord): Record<string, unknown> {
    if (channel.type === 1) {
      const recipient = this.user(channel.recipientId ?? "0");
      return { id: channel.id, type: 1, last_message_id: null, flags: 0, recipients: [recipient] };
    }
    return {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId ?? null,
      name: channel.name,
      position: channel.position,
      permission_overwrites: channel.botDeny === undefined ? [] : [{ id: this.bot.id, type: 1, allow: "0", deny: channel.botDeny }],
      parent_id: channel.parentId ?? null,
      ...(channel.type === 11
        ? { owner_id: "0", message_count: 0, member_count: 1, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false } }
        : {}),
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
    };
  }

  /** The guild object of GET /guilds/{id}: its only role is @everyone. */
  guildObject(guild: GuildRecord): Record<string, unknown> {
    return { id: guild.id, name: guild.name, owner_id: guild.ownerId, roles: [this.everyoneRole(guild)] };
  }

  everyoneRole(guild: GuildRecord): Record<string, unknown> {
    return {
      id: guild.id, name: "@everyone", permissions: guild.everyonePermissions, position: 0, color: 0,
      hoist: false, managed: false, mentionable: false, flags: 0, icon: null, unicode_emoji: null,
    };
  }

  /** The GUILD_CREATE payload (enough for discord.js to cache guild, channels, roles, members). */
  guildCreatePayload(guild: GuildRecord): Record<string, unknown> {
    const everyone = this.everyoneRole(guild);
    const member = (user: FakeUser): Record<string, unknown> => ({
      user, roles: [], joined_at: guild.joinedAt, nick: null, avatar: null, deaf: false, mute: false,
      flags: 0, pending: false, premium_since: null, communication_disabled_until: null,
    });
    return {
      id: guild.id, name: guild.name, icon: null, splash: null, discovery_splash: null, owner_id: guild.ownerId,
      afk_channel_id: null, afk_timeout: 300, verification_level: 0, default_message_notifications: 1,
      explicit_content_filter: 0, features: [], mfa_level: 0, application_id: null, system_channel_id: null,
      system_channel_flags: 0, rules_channel_id: null, vanity_url_code: null, description: null, banner: null,
      premium_tier: 0, premium_subscription_count: 0, preferred_locale: "en-US", public_updates_channel_id: null,
      nsfw_level: 0, premium_progress_bar_enabled: false, safety_alerts_channel_id: null,
      joined_at: guild.joinedAt, large: false, unavailable: false, member_count: guild.members.length + 1,
      roles: [everyone], emojis: [], stickers: [], voice_states: [], presences: [], threads: [],
      stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
      members: [member(this.bot), ...guild.members.map(member)],
      channels: this.guildChannels(guild.id).map((c) => this.channelObject(c)),
    };
  }
}
