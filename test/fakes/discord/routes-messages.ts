import { discordError } from "./errors.js";
import type { Router, RouteContext } from "./http.js";
import type { FakeInternals } from "./internals.js";
import { validateMessage } from "./limits.js";
import { isSnowflake } from "./snowflake.js";
import type { ChannelRecord, MessageVia } from "./store.js";
import type { FakeUser, HttpReply } from "./types.js";

type Obj = Record<string, unknown>;
const asObj = (value: unknown): Obj => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Obj) : {});

/** Channel lookup + state: unknown/gone → 10003, forbidden → 50001, missing-permissions → 50013 (writes). */
export function channelGate(fake: FakeInternals, channelId: string, write: boolean): ChannelRecord | HttpReply {
  const channel = fake.world.channels.get(channelId);
  if (!channel || channel.state === "gone") return discordError(10003);
  if (channel.state === "forbidden") return discordError(50001);
  if (write && channel.state === "missing-permissions") return discordError(50013);
  if (write && channel.recipientId !== undefined && fake.world.refusesDms(channel.recipientId)) return discordError(50007);
  return channel;
}

export interface CreateOptions {
  author: FakeUser;
  via: MessageVia;
  webhookId?: string;
}

/** Validates and creates a message; honours enforce_nonce by returning the earlier message. */
export function createMessage(fake: FakeInternals, channel: ChannelRecord, ctx: RouteContext, options: CreateOptions): HttpReply {
  const body = asObj(ctx.body);
  const invalid = validateMessage(body, { fileCount: ctx.files.length });
  if (invalid) return invalid;
  const nonce = body["nonce"];
  if (body["enforce_nonce"] === true && (typeof nonce === "string" || typeof nonce === "number")) {
    const earlier = fake.store.findByNonce(channel.id, options.author.id, nonce, fake.nonceWindowMs);
    if (earlier) return { status: 200, body: earlier.raw };
  }
  const message = fake.store.create({
    channel, body, author: options.author, via: options.via, files: ctx.files,
    ...(options.webhookId === undefined ? {} : { webhookId: options.webhookId }),
  });
  return { status: 200, body: message.raw };
}

/** Channel messages and DM channels. */
export function registerMessageRoutes(router: Router, fake: FakeInternals): void {
  const channelOf = (ctx: RouteContext): string | undefined => ctx.params["channelId"];
  const gated = (ctx: RouteContext, write: boolean, then: (channel: ChannelRecord) => HttpReply): HttpReply => {
    const channel = channelGate(fake, ctx.params["channelId"] ?? "", write);
    return "status" in channel ? channel : then(channel);
  };
  const ownMessage = (ctx: RouteContext, channel: ChannelRecord, then: (id: string) => HttpReply): HttpReply => {
    const message = fake.store.get(ctx.params["messageId"] ?? "");
    if (!message || message.channelId !== channel.id || message.meta.ephemeral) return discordError(10008);
    return then(message.id);
  };
  router.add({
    method: "GET", template: "/channels/:channelId", auth: true, channelOf,
    handle: (ctx) => gated(ctx, false, (channel) => ({ status: 200, body: fake.world.channelObject(channel) })),
  });
  router.add({
    method: "POST", template: "/channels/:channelId/typing", auth: true, channelOf,
    handle: (ctx) => gated(ctx, true, () => ({ status: 204 })),
  });
  router.add({
    method: "GET", template: "/channels/:channelId/messages", auth: true, channelOf,
    handle: (ctx) =>
      gated(ctx, false, (channel) => {
        const limit = Math.min(100, Math.max(1, Number(ctx.query.get("limit") ?? 50)));
        const newestFirst = fake.store.inChannel(channel.id).slice().reverse().slice(0, limit);
        return { status: 200, body: newestFirst.map((m) => m.raw) };
      }),
  });
  router.add({
    method: "POST", template: "/channels/:channelId/messages", auth: true, channelOf,
    handle: (ctx) => gated(ctx, true, (channel) => createMessage(fake, channel, ctx, { author: fake.bot, via: "channel" })),
  });
  router.add({
    method: "GET", template: "/channels/:channelId/messages/:messageId", auth: true, channelOf,
    handle: (ctx) =>
      gated(ctx, false, (channel) => ownMessage(ctx, channel, (id) => ({ status: 200, body: fake.store.get(id)?.raw }))),
  });
  router.add({
    method: "PATCH", template: "/channels/:channelId/messages/:messageId", auth: true, channelOf,
    handle: (ctx) =>
      gated(ctx, true, (channel) =>
        ownMessage(ctx, channel, (id) => {
          const message = fake.store.get(id);
          if (!message || message.raw.author.id !== fake.bot.id) return discordError(50005);
          const invalid = validateMessage(ctx.body, { partial: true });
          if (invalid) return invalid;
          return { status: 200, body: fake.store.edit(message, asObj(ctx.body), ctx.files).raw };
        }),
      ),
  });
  router.add({
    method: "DELETE", template: "/channels/:channelId/messages/:messageId", auth: true, channelOf,
    handle: (ctx) =>
      gated(ctx, false, (channel) =>
        ownMessage(ctx, channel, (id) => {
          const message = fake.store.get(id);
          if (message) fake.store.delete(message);
          return { status: 204 };
        }),
      ),
  });
  router.add({
    method: "POST", template: "/users/@me/channels", auth: true,
    handle: (ctx) => {
      const recipientId = asObj(ctx.body)["recipient_id"];
      if (!isSnowflake(recipientId)) {
        return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors: { recipient_id: { _errors: [{ code: "NUMBER_TYPE_COERCE", message: `Value "${String(recipientId)}" is not snowflake.` }] } } } };
      }
      if (recipientId === fake.bot.id) return discordError(50007);
      const channel = fake.world.openDm(fake.world.user(recipientId));
      return { status: 200, body: fake.world.channelObject(channel) };
    },
  });
}
