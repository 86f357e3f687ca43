import { join } from "node:path";
import { Client, DiscordAPIError, Events, GatewayIntentBits, RESTEvents, type ClientOptions, type RESTOptions } from "discord.js";
import { PaperbotError } from "../../errors.js";
import type { PlatformAdapter, PlatformDeps } from "../platform.js";
import { createInteractionHandler } from "./interactions.js";
import { DiscordPublisher } from "./publisher.js";
import type { DiscordSettings } from "./settings.js";
import { registerCommands } from "./registration.js";

export { DiscordPublisher } from "./publisher.js";
export { commandPayload } from "./registration.js";
export { renderDigest, renderReply } from "./render.js";

export interface DiscordAdapterOptions {
  /**
   * discord.js Client options merged over the defaults (tests lower `rest.timeout` and
   * `waitGuildTimeout`). Intents (Guilds only), mentions (none) and the API URL stay the adapter's.
   */
  client?: Partial<ClientOptions>;
  /** How long `start()` waits for the gateway to be ready; default 60 s. */
  readyTimeoutMs?: number;
}

/** A rate limit longer than this is not sat out: the outbox row is retried after it instead. */
const LONGEST_WAIT_MS = 60_000;
const STATE_FILE = "discord-commands.json";

/** Discord said no to the token itself (401): retrying cannot help, unlike a network failure or a 5xx. */
function tokenRefused(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "TokenInvalid" || (error instanceof DiscordAPIError && error.status === 401);
}

async function connect(client: Client, token: string, timeoutMs: number): Promise<Client<true>> {
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<Client<true>>((resolve, reject) => {
    client.once(Events.ClientReady, resolve);
    timer = setTimeout(() => reject(new Error(`not ready within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  });
  try {
    const [, readyClient] = await Promise.all([client.login(token), ready]);
    return readyClient;
  } catch (error) {
    await client.destroy();
    const status = (error as { status?: unknown }).status;
    const message = error instanceof Error ? error.message : String(error);
    const why = typeof status === "number" && !message.includes(String(status)) ? `${status} ${message}` : message;
    if (tokenRefused(error)) {
      throw new PaperbotError("PLATFORM_REFUSED", `cannot connect to Discord: the token was refused (${why})`, "DISCORD_TOKEN", { cause: error });
    }
    throw new PaperbotError("PLATFORM_FAILED", `cannot connect to Discord: ${why}`, "DISCORD_TOKEN / PAPERBOT_DISCORD_API_URL", {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The Discord platform: a discord.js Client with the Guilds intent only (no privileged intents),
 * answering `/papers` and posting digests. Without `DISCORD_TOKEN` but with Discord webhook URLs
 * in the config it is a token-less publisher for those webhooks; with neither it is null.
 */
export function createDiscordAdapter(deps: PlatformDeps<DiscordSettings | null>, options: DiscordAdapterOptions = {}): PlatformAdapter | null {
  const { settings, log } = deps;
  const restOptions: Partial<RESTOptions> = {
    ...options.client?.rest,
    rejectOnRateLimit: (limit) => limit.timeToReset > LONGEST_WAIT_MS,
  };
  if (settings === null) {
    if (!deps.channels.some((c) => c.webhookUrl !== undefined)) return null;
    const publisher = new DiscordPublisher(null, restOptions);
    return {
      name: "discord (webhooks only)",
      publisher,
      start: async () => {},
      stop: async () => publisher.close(),
    };
  }
  const client = new Client({
    ...options.client,
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { ...restOptions, api: settings.apiUrl },
  });
  const publisher = new DiscordPublisher(client.rest, restOptions);
  const onInteraction = createInteractionHandler(deps.commands, log);
  client.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction));
  client.on(Events.Debug, (message) => log.debug(`discord: ${message}`));
  client.rest.on(RESTEvents.Debug, (message) => log.debug(`discord rest: ${message}`));
  client.on(Events.Warn, (message) => log.warn(`discord: ${message}`));
  client.on(Events.Error, (error) => log.error(`discord: ${error.message}`));
  client.on(Events.Invalidated, () => log.error("discord: the gateway session was invalidated; restart the bot"));
  client.rest.on(RESTEvents.RateLimited, (limit) =>
    log.info(`discord: rate limited on ${limit.method} ${limit.route} for ${limit.timeToReset} ms`),
  );
  return {
    name: "discord",
    publisher,
    async start() {
      const ready = await connect(client, settings.token, options.readyTimeoutMs ?? 60_000);
      try {
        await registerCommands(ready.rest, ready.application.id, settings.guildIds, join(deps.dataDir, STATE_FILE), log);
      } catch (error) {
        // Commands registered earlier keep working; digests do not need them at all.
        log.error(`discord: command registration failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    async stop() {
      await client.destroy();
      publisher.close();
    },
  };
}
