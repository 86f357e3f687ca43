import { discordError } from "./errors.js";
import type { Router, RouteContext } from "./http.js";
import type { InteractionRecord } from "./interactions.js";
import type { FakeInternals, IncomingWebhook } from "./internals.js";
import { validateMessage } from "./limits.js";
import { channelGate, createMessage } from "./routes-messages.js";
import type { RecordedMessage } from "./store.js";
import type { HttpReply } from "./types.js";

type Obj = Record<string, unknown>;
const asObj = (value: unknown): Obj => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Obj) : {});

type Target = { kind: "interaction"; record: InteractionRecord } | { kind: "incoming"; webhook: IncomingWebhook };

/** Interaction callbacks, interaction webhooks (follow-ups, @original) and incoming webhooks. */
export function registerWebhookRoutes(router: Router, fake: FakeInternals): void {
  router.add({
    method: "POST", template: "/interactions/:interactionId/:token/callback", auth: false,
    channelOf: (ctx) => fake.desk.records.get(ctx.params["interactionId"] ?? "")?.channel.id,
    handle: (ctx) =>
      fake.desk.callback(ctx.params["interactionId"] ?? "", ctx.params["token"] ?? "", ctx.body, ctx.query.get("with_response") === "true"),
  });

  /** An interaction webhook when the id is the application and the token an interaction's; else an incoming webhook. */
  const target = (ctx: RouteContext): Target | HttpReply => {
    const id = ctx.params["webhookId"] ?? "";
    const token = ctx.params["token"] ?? "";
    if (id === fake.applicationId) {
      const record = fake.desk.resolveWebhook(id, token);
      return "status" in record ? record : { kind: "interaction", record };
    }
    const webhook = fake.webhooks.get(id);
    if (!webhook) return discordError(10015);
    if (webhook.token !== token) return discordError(50027);
    const channel = fake.world.channels.get(webhook.channelId);
    if (!channel || channel.state === "gone") return discordError(10015);
    return { kind: "incoming", webhook };
  };
  const channelOf = (ctx: RouteContext): string | undefined => {
    const found = target(ctx);
    if ("status" in found) return undefined;
    return found.kind === "interaction" ? found.record.channel.id : found.webhook.channelId;
  };
  const withTarget = (ctx: RouteContext, then: (t: Target) => HttpReply): HttpReply => {
    const found = target(ctx);
    return "status" in found ? found : then(found);
  };
  const messageOf = (t: Target, messageId: string): RecordedMessage | HttpReply => {
    if (t.kind === "interaction") return fake.desk.messageOf(t.record, messageId);
    const message = fake.store.get(messageId);
    return message && message.meta.webhookId === t.webhook.id ? message : discordError(10008);
  };

  router.add({
    method: "GET", template: "/webhooks/:webhookId/:token", auth: false, channelOf,
    handle: (ctx) =>
      withTarget(ctx, (t) => {
        if (t.kind === "interaction") return discordError(10015);
        const { webhook } = t;
        const guildId = fake.world.channels.get(webhook.channelId)?.guildId ?? null;
        return {
          status: 200,
          body: { id: webhook.id, type: 1, token: webhook.token, name: webhook.name, avatar: null, channel_id: webhook.channelId, guild_id: guildId, application_id: null },
        };
      }),
  });
  router.add({
    method: "POST", template: "/webhooks/:webhookId/:token", auth: false, channelOf,
    handle: (ctx) =>
      withTarget(ctx, (t) => {
        if (t.kind === "interaction") return fake.desk.followUp(t.record, asObj(ctx.body), ctx.files);
        const channel = channelGate(fake, t.webhook.channelId, true);
        if ("status" in channel) return channel.body !== undefined && asObj(channel.body)["code"] === 10003 ? discordError(10015) : channel;
        const body = asObj(ctx.body);
        const author = {
          id: t.webhook.id, username: typeof body["username"] === "string" ? body["username"] : t.webhook.name,
          discriminator: "0000", global_name: null, avatar: null, bot: true,
        };
        const created = createMessage(fake, channel, ctx, { author, via: "webhook", webhookId: t.webhook.id });
        if (created.status >= 300) return created;
        return ctx.query.get("wait") === "true" ? created : { status: 204 };
      }),
  });
  router.add({
    method: "GET", template: "/webhooks/:webhookId/:token/messages/:messageId", auth: false, channelOf,
    handle: (ctx) =>
      withTarget(ctx, (t) => {
        const message = messageOf(t, ctx.params["messageId"] ?? "");
        return "status" in message ? message : { status: 200, body: message.raw };
      }),
  });
  router.add({
    method: "PATCH", template: "/webhooks/:webhookId/:token/messages/:messageId", auth: false, channelOf,
    handle: (ctx) =>
      withTarget(ctx, (t) => {
        const message = messageOf(t, ctx.params["messageId"] ?? "");
        if ("status" in message) return message;
        const invalid = validateMessage(ctx.body, { partial: true });
        if (invalid) return invalid;
        return { status: 200, body: fake.store.edit(message, asObj(ctx.body), ctx.files).raw };
      }),
  });
  router.add({
    method: "DELETE", template: "/webhooks/:webhookId/:token/messages/:messageId", auth: false, channelOf,
    handle: (ctx) =>
      withTarget(ctx, (t) => {
        const message = messageOf(t, ctx.params["messageId"] ?? "");
        if ("status" in message) return message;
        fake.store.delete(message);
        return { status: 204 };
      }),
  });
}
