import type { CommandRegistry } from "./commands.js";
import type { InteractionDesk } from "./interactions.js";
import type { MessageStore } from "./store.js";
import type { FakeUser } from "./types.js";
import type { World } from "./world.js";

export interface IncomingWebhook {
  id: string;
  token: string;
  channelId: string;
  name: string;
}

/** What the route handlers share with the FakeDiscord instance. */
export interface FakeInternals {
  token: string;
  applicationId: string;
  bot: FakeUser;
  world: World;
  store: MessageStore;
  desk: InteractionDesk;
  commands: CommandRegistry;
  webhooks: Map<string, IncomingWebhook>;
  nonceWindowMs: number;
  apiUrl: () => string;
  gatewayUrl: () => string;
}
