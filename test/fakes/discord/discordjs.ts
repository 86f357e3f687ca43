import { Client, Events, GatewayIntentBits, type ClientOptions, type Interaction } from "discord.js";
import type { FakeDiscord } from "./fake.js";

/**
 * Options for a real discord.js Client pointed at the fake, with short timeouts so tests stay fast:
 * REST timeout 2 s, and the ready event does not wait long for missing guilds.
 */
export function clientOptionsFor(fake: FakeDiscord, overrides: Partial<ClientOptions> = {}): ClientOptions {
  return {
    intents: [GatewayIntentBits.Guilds],
    waitGuildTimeout: 200,
    ...overrides,
    rest: { api: fake.apiUrl, timeout: 2000, ...overrides.rest },
  };
}

/** Creates a discord.js Client for the fake, logs in with the fake's token and waits for clientReady. */
export async function connectClient(fake: FakeDiscord, overrides: Partial<ClientOptions> = {}, token = fake.token): Promise<Client<true>> {
  const client = new Client(clientOptionsFor(fake, overrides));
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(token);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  return ready;
}

/** The next interaction the client emits (optionally the next one matching a predicate). */
export function nextInteraction(
  client: Client,
  predicate: (interaction: Interaction) => boolean = () => true,
  timeoutMs = 2000,
): Promise<Interaction> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(Events.InteractionCreate, listener);
      reject(new Error(`no interactionCreate within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (interaction: Interaction): void => {
      if (!predicate(interaction)) return;
      clearTimeout(timer);
      client.off(Events.InteractionCreate, listener);
      resolve(interaction);
    };
    client.on(Events.InteractionCreate, listener);
  });
}
