import { computePings, type Pings } from "./mentions.js";
import { snowflake } from "./snowflake.js";
import type { ChannelState, FakeUser } from "./types.js";

export interface ChannelRecord {
  id: string;
  type: number;
  name: string | null;
  guildId?: string;
  /** DM channels: the other user. */
  recipientId?: string;
  /** Threads (type 11): the channel the thread's starter message is in. */
  parentId?: string;
  state: ChannelState;
  position: number;
  /** Permissions denied to the bot by a member overwrite on this channel (decimal bitfield). */
  botDeny?: string;
}

/** The message object the fake returns, shaped like Discord's. */
export interface MessageObject {
  id: string;
  channel_id: string;
  guild_id?: string;
  type: number;
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: unknown[];
  author: FakeUser;
  timestamp: string;
  edited_timestamp: string | null;
  flags: number;
  tts: boolean;
  mention_everyone: boolean;
  mentions: FakeUser[];
  mention_roles: string[];
  pinned: boolean;
  nonce?: string | number;
  webhook_id?: string;
  application_id?: string;
  interaction_metadata?: unknown;
  [key: string]: unknown;
}

export type MessageVia = "channel" | "webhook" | "interaction";

export interface MessageMeta {
  via: MessageVia;
  allowedMentions: unknown;
  nonce: string | number | undefined;
  enforceNonce: boolean;
  ephemeral: boolean;
  interactionId?: string;
  webhookId?: string;
  files: string[];
  createdAt: number;
}

/** A message as the fake stored it: Discord's object (`raw`) plus what the client sent. */
export class RecordedMessage {
  editCount = 0;
  deleted = false;
  /** Bodies of every edit, in order. */
  readonly edits: unknown[] = [];

  constructor(
    public raw: MessageObject,
    readonly meta: MessageMeta,
  ) {}

  get id(): string {
    return this.raw.id;
  }
  get channelId(): string {
    return this.raw.channel_id;
  }
  get content(): string {
    return this.raw.content;
  }
  get embeds(): unknown[] {
    return this.raw.embeds;
  }
  get components(): unknown[] {
    return this.raw.components;
  }
  get flags(): number {
    return this.raw.flags;
  }
  get allowedMentions(): unknown {
    return this.meta.allowedMentions;
  }
  /** Who this message pings, per its content and allowed_mentions. */
  get pings(): Pings {
    return computePings(this.raw.content, this.meta.allowedMentions);
  }
}

type Obj = Record<string, unknown>;

export interface CreateMessageInput {
  channel: ChannelRecord;
  body: Obj;
  author: FakeUser;
  via: MessageVia;
  files?: string[];
  type?: number;
  flags?: number;
  ephemeral?: boolean;
  interactionId?: string;
  webhookId?: string;
  applicationId?: string;
  extra?: Obj;
}

const EDITABLE = ["content", "embeds", "components", "attachments"] as const;

export class MessageStore {
  readonly #byId = new Map<string, RecordedMessage>();
  readonly #byChannel = new Map<string, RecordedMessage[]>();

  create(input: CreateMessageInput): RecordedMessage {
    const now = Date.now();
    const { body } = input;
    const content = typeof body["content"] === "string" ? body["content"] : "";
    const pings = computePings(content, body["allowed_mentions"]);
    const raw: MessageObject = {
      id: snowflake(now),
      channel_id: input.channel.id,
      ...(input.channel.guildId === undefined ? {} : { guild_id: input.channel.guildId }),
      type: input.type ?? 0,
      content,
      embeds: Array.isArray(body["embeds"]) ? body["embeds"].map(normalizeEmbed) : [],
      components: Array.isArray(body["components"]) ? body["components"] : [],
      attachments: (input.files ?? []).map((filename, i) => attachment(filename, i)),
      author: input.author,
      timestamp: new Date(now).toISOString(),
      edited_timestamp: null,
      flags: input.flags ?? (typeof body["flags"] === "number" ? body["flags"] & ~64 : 0),
      tts: body["tts"] === true,
      mention_everyone: pings.everyone,
      mentions: pings.users.map((id) => ({ id, username: `user${id}`, discriminator: "0", global_name: null, avatar: null })),
      mention_roles: pings.roles,
      pinned: false,
      ...(isNonce(body["nonce"]) ? { nonce: body["nonce"] } : {}),
      ...(input.webhookId === undefined ? {} : { webhook_id: input.webhookId }),
      ...(input.applicationId === undefined ? {} : { application_id: input.applicationId }),
      ...input.extra,
    };
    const message = new RecordedMessage(raw, {
      via: input.via,
      allowedMentions: body["allowed_mentions"],
      nonce: isNonce(body["nonce"]) ? body["nonce"] : undefined,
      enforceNonce: body["enforce_nonce"] === true,
      ephemeral: input.ephemeral ?? false,
      ...(input.interactionId === undefined ? {} : { interactionId: input.interactionId }),
      ...(input.webhookId === undefined ? {} : { webhookId: input.webhookId }),
      files: input.files ?? [],
      createdAt: now,
    });
    this.#byId.set(raw.id, message);
    const list = this.#byChannel.get(raw.channel_id) ?? [];
    list.push(message);
    this.#byChannel.set(raw.channel_id, list);
    return message;
  }

  edit(message: RecordedMessage, body: Obj, files: string[] = []): RecordedMessage {
    for (const key of EDITABLE) {
      if (!(key in body)) continue;
      const value = body[key];
      if (key === "content") message.raw.content = typeof value === "string" ? value : "";
      else if (key === "embeds") message.raw.embeds = Array.isArray(value) ? value.map(normalizeEmbed) : [];
      else if (Array.isArray(value)) message.raw[key] = value;
      else message.raw[key] = [];
    }
    if (files.length > 0) message.raw.attachments = files.map((filename, i) => attachment(filename, i));
    if ("flags" in body && typeof body["flags"] === "number") message.raw.flags = body["flags"] & ~64;
    if ("allowed_mentions" in body) message.meta.allowedMentions = body["allowed_mentions"];
    message.raw.flags &= ~128; // an edit clears LOADING (deferred "is thinking...")
    message.raw.edited_timestamp = new Date().toISOString();
    message.editCount += 1;
    message.edits.push(body);
    return message;
  }

  delete(message: RecordedMessage): void {
    message.deleted = true;
    const list = this.#byChannel.get(message.channelId);
    if (list) this.#byChannel.set(message.channelId, list.filter((m) => m !== message));
  }

  get(id: string): RecordedMessage | undefined {
    const message = this.#byId.get(id);
    return message && !message.deleted ? message : undefined;
  }

  inChannel(channelId: string, includeEphemeral = false): RecordedMessage[] {
    return (this.#byChannel.get(channelId) ?? []).filter((m) => includeEphemeral || !m.meta.ephemeral);
  }

  all(): RecordedMessage[] {
    return [...this.#byId.values()].filter((m) => !m.deleted);
  }

  /** enforce_nonce: the message the same author created with this nonce in this channel within the window. */
  findByNonce(channelId: string, authorId: string, nonce: string | number, windowMs: number): RecordedMessage | undefined {
    const since = Date.now() - windowMs;
    return this.inChannel(channelId, true).find(
      (m) => m.meta.nonce === nonce && m.raw.author.id === authorId && m.meta.createdAt >= since,
    );
  }
}

function isNonce(value: unknown): value is string | number {
  return typeof value === "string" || typeof value === "number";
}

function normalizeEmbed(embed: unknown): unknown {
  if (typeof embed !== "object" || embed === null) return embed;
  return { type: "rich", ...embed };
}

function attachment(filename: string, index: number): Obj {
  const id = snowflake();
  return { id, filename, size: 0, url: `https://cdn.discordapp.com/attachments/${index}/${id}/${filename}`, proxy_url: "" };
}
