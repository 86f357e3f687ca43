import { discordError } from "./errors.js";
import type { Router, RouteContext } from "./http.js";
import type { FakeInternals } from "./internals.js";
import { channelGate } from "./routes-messages.js";
import type { ChannelRecord } from "./store.js";

type Obj = Record<string, unknown>;
const asObj = (value: unknown): Obj => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Obj) : {});

/**
 * Threads started from a message (POST /channels/:id/messages/:id/threads), as Discord does it:
 * the thread is a channel of type 11 whose id is the starter message's id, its name 1–100
 * characters; a second thread on the same message is refused with 160004. Messages go to the
 * thread through the ordinary channel routes.
 */
export function registerThreadRoutes(router: Router, fake: FakeInternals): void {
  router.add({
    method: "POST", template: "/channels/:channelId/messages/:messageId/threads", auth: true,
    channelOf: (ctx: RouteContext) => ctx.params["channelId"],
    handle: (ctx) => {
      const channel = channelGate(fake, ctx.params["channelId"] ?? "", true);
      if ("status" in channel) return channel;
      const message = fake.store.get(ctx.params["messageId"] ?? "");
      if (!message || message.channelId !== channel.id || message.meta.ephemeral) return discordError(10008);
      if (fake.world.channels.has(message.id)) return discordError(160004);
      const name = asObj(ctx.body)["name"];
      if (typeof name !== "string" || name.length < 1 || name.length > 100) {
        return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors: { name: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." }] } } } };
      }
      const thread: ChannelRecord = {
        id: message.id, type: 11, name, parentId: channel.id, state: "ok", position: 0,
        ...(channel.guildId === undefined ? {} : { guildId: channel.guildId }),
      };
      fake.world.channels.set(thread.id, thread);
      return { status: 201, body: fake.world.channelObject(thread) };
    },
  });
}
