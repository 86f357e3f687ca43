import type { InteractionPayload } from "./builders.js";
import { FormErrors, discordError } from "./errors.js";
import { validateAutocomplete, validateMessage } from "./limits.js";
import type { ChannelRecord, MessageStore, RecordedMessage } from "./store.js";
import type { FakeUser, HttpReply, JsonObject, RecordedCallback } from "./types.js";
import type { World } from "./world.js";

const EPHEMERAL = 64;
const LOADING = 128;

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: InteractionPayload;
  channel: ChannelRecord;
  user: FakeUser;
  dispatchedAt: number;
  /** The accepted initial callback. */
  callback?: RecordedCallback;
  /** Every callback attempt, accepted or rejected. */
  attempts: RecordedCallback[];
  originalMessageId?: string;
  followUpIds: string[];
  /** Component interactions: the message the component is on. */
  sourceMessageId?: string;
}

/** Callback types Discord accepts per interaction type. */
const ALLOWED_CALLBACKS: Record<number, number[]> = { 2: [4, 5, 9], 3: [4, 5, 6, 7, 9], 4: [8], 5: [4, 5, 6, 7] };

export interface DeskConfig {
  world: World;
  store: MessageStore;
  applicationId: string;
  bot: FakeUser;
  windowMs: number;
  tokenTtlMs: number;
  notify: () => void;
}

type Obj = Record<string, unknown>;
const asObj = (value: unknown): Obj => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Obj) : {});

/** Tracks dispatched interactions and answers the callback + interaction-webhook endpoints. */
export class InteractionDesk {
  readonly records = new Map<string, InteractionRecord>();
  readonly #byToken = new Map<string, InteractionRecord>();

  constructor(private readonly cfg: DeskConfig) {}

  register(payload: InteractionPayload, channel: ChannelRecord, user: FakeUser): InteractionRecord {
    const message = asObj(payload["message"]);
    const record: InteractionRecord = {
      id: payload.id, token: payload.token, type: payload.type, payload, channel, user,
      dispatchedAt: Date.now(), attempts: [], followUpIds: [],
      ...(typeof message["id"] === "string" ? { sourceMessageId: message["id"] } : {}),
    };
    this.records.set(record.id, record);
    this.#byToken.set(record.token, record);
    return record;
  }

  byToken(token: string): InteractionRecord | undefined {
    return this.#byToken.get(token);
  }

  /** POST /interactions/:id/:token/callback */
  callback(id: string, token: string, rawBody: unknown, withResponse: boolean): HttpReply {
    const record = this.records.get(id);
    const body = asObj(rawBody);
    const type = typeof body["type"] === "number" ? body["type"] : -1;
    const data = body["data"] === undefined ? undefined : (asObj(body["data"]) as JsonObject);
    const now = Date.now();
    const attempt: RecordedCallback = {
      interactionId: id, type, data, at: now, elapsedMs: record ? now - record.dispatchedAt : 0,
      status: 0, ephemeral: ((Number(data?.["flags"] ?? 0)) & EPHEMERAL) !== 0,
    };
    const reply = this.#answer(record, token, attempt);
    attempt.status = reply.status;
    const code = asObj(reply.body)["code"];
    if (reply.status >= 400 && typeof code === "number") attempt.errorCode = code;
    if (record) {
      record.attempts.push(attempt);
      if (reply.status < 300) record.callback = attempt;
    }
    this.cfg.notify();
    if (reply.status >= 300 || !record) return reply;
    if (!withResponse) return { status: 204 };
    const message = record.originalMessageId === undefined ? undefined : this.cfg.store.get(record.originalMessageId);
    return {
      status: 200,
      body: {
        interaction: {
          id: record.id, type: record.type, activity_instance_id: null,
          response_message_id: attempt.messageId ?? null,
          response_message_loading: type === 5, response_message_ephemeral: attempt.ephemeral,
        },
        resource: { type, ...(message && attempt.messageId !== undefined ? { message: message.raw } : {}) },
      },
    };
  }

  #answer(record: InteractionRecord | undefined, token: string, attempt: RecordedCallback): HttpReply {
    if (!record || record.token !== token) return discordError(10062);
    if (attempt.elapsedMs > this.cfg.windowMs) return discordError(10062);
    if (record.callback) return discordError(40060);
    const allowed = ALLOWED_CALLBACKS[record.type] ?? [];
    if (!allowed.includes(attempt.type)) {
      const errors = new FormErrors();
      errors.add(["type"], "BASE_TYPE_CHOICES", `Value must be one of {${allowed.join(", ")}}.`);
      return errors.reply() ?? discordError(50035);
    }
    const data: Obj = attempt.data ?? {};
    switch (attempt.type) {
      case 4: {
        const invalid = validateMessage(data);
        if (invalid) return invalid;
        attempt.messageId = this.#createResponse(record, data, attempt.ephemeral, 0).id;
        return { status: 204 };
      }
      case 5:
        attempt.messageId = this.#createResponse(record, {}, attempt.ephemeral, LOADING).id;
        return { status: 204 };
      case 6:
      case 7: {
        const source = record.sourceMessageId === undefined ? undefined : this.cfg.store.get(record.sourceMessageId);
        if (attempt.type === 7) {
          const invalid = validateMessage(data, { partial: true });
          if (invalid) return invalid;
          if (source) this.cfg.store.edit(source, data);
        }
        if (record.sourceMessageId !== undefined) record.originalMessageId = record.sourceMessageId;
        if (source) attempt.messageId = source.id;
        return { status: 204 };
      }
      case 8:
        return validateAutocomplete(data) ?? { status: 204 };
      default: {
        const errors = new FormErrors();
        if (typeof data["custom_id"] !== "string") errors.required(["data", "custom_id"]);
        if (typeof data["title"] !== "string" || [...data["title"]].length > 45) errors.badLength(["data", "title"], 1, 45);
        return errors.reply() ?? { status: 204 };
      }
    }
  }

  #createResponse(record: InteractionRecord, data: Obj, ephemeral: boolean, extraFlags: number): RecordedMessage {
    const message = this.cfg.store.create({
      channel: record.channel,
      body: data,
      author: this.cfg.bot,
      via: "interaction",
      type: record.type === 2 ? 20 : 0,
      flags: (typeof data["flags"] === "number" ? data["flags"] : 0) | (ephemeral ? EPHEMERAL : 0) | extraFlags,
      ephemeral,
      interactionId: record.id,
      webhookId: this.cfg.applicationId,
      applicationId: this.cfg.applicationId,
      extra: {
        interaction_metadata: {
          id: record.id, type: record.type, user: record.user,
          authorizing_integration_owners: record.payload["authorizing_integration_owners"] ?? {},
          ...(record.type === 2 ? { name: String(record.payload.data["name"] ?? "") } : {}),
        },
      },
    });
    record.originalMessageId ??= message.id;
    return message;
  }

  /** Finds the interaction behind an interaction webhook (`/webhooks/:applicationId/:token`). */
  resolveWebhook(applicationId: string, token: string): InteractionRecord | HttpReply {
    const record = this.#byToken.get(token);
    if (!record || applicationId !== this.cfg.applicationId) return discordError(10015);
    if (Date.now() - record.dispatchedAt > this.cfg.tokenTtlMs) return discordError(50027);
    if (!record.callback) return discordError(10015);
    return record;
  }

  /** POST /webhooks/:app/:token — a follow-up; the first one after a deferral replaces the loading message. */
  followUp(record: InteractionRecord, body: Obj, files: string[]): HttpReply {
    const invalid = validateMessage(body, { fileCount: files.length });
    if (invalid) return invalid;
    const original = record.originalMessageId === undefined ? undefined : this.cfg.store.get(record.originalMessageId);
    if (original && (original.flags & LOADING) !== 0) {
      this.cfg.store.edit(original, body, files);
      return { status: 200, body: original.raw };
    }
    const ephemeral = typeof body["flags"] === "number" && (body["flags"] & EPHEMERAL) !== 0;
    const message = this.#createResponse(record, body, ephemeral, 0);
    record.followUpIds.push(message.id);
    return { status: 200, body: message.raw };
  }

  /** The message `@original` or a follow-up id refers to, for GET/PATCH/DELETE. */
  messageOf(record: InteractionRecord, messageId: string): RecordedMessage | HttpReply {
    const id = messageId === "@original" ? record.originalMessageId : messageId;
    const owned = id !== undefined && (id === record.originalMessageId || record.followUpIds.includes(id));
    const message = owned ? this.cfg.store.get(id) : undefined;
    return message ?? discordError(10008);
  }
}
