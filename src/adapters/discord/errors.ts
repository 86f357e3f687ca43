import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import type { PublishResult } from "../../delivery/publisher.js";

type Failure = Extract<PublishResult, { ok: false }>;

/**
 * Discord error codes that mean the destination itself is unusable: retrying cannot help, the
 * worker disables the destination (and pauses DM subscriptions), and an admin or the person acts.
 */
const GONE: Readonly<Record<number, string>> = {
  10003: "Unknown Channel: the channel was deleted or the bot was removed (Discord 10003)",
  10013: "Unknown User: the account no longer exists (Discord 10013)",
  10015: "Unknown Webhook: the webhook was deleted; create a new one and update the config (Discord 10015)",
  50001: "Missing Access: the bot cannot see this channel; give it View Channel there (Discord 50001)",
  50007: "Cannot send messages to this user: their direct messages are closed to the bot (Discord 50007)",
  50013: "Missing Permissions: the bot needs Send Messages and Embed Links in this channel (Discord 50013)",
  50027: "Invalid Webhook Token: the webhook URL is wrong or was reset; update the config (Discord 50027)",
};

/** The first field error of a 50035 "Invalid Form Body", e.g. `embeds.0.title: Must be 256 or fewer in length.` */
function firstFormError(error: DiscordAPIError): string {
  const detail = error.message.split("\n").slice(1, 2).join("").trim();
  return detail === "" ? "" : ` (${detail.slice(0, 200)})`;
}

/**
 * Turns what @discordjs/rest threw into the worker's terms. 429s never get here unless a wait is
 * longer than the client will sit out (`rejectOnRateLimit`): then the row is retried after it.
 */
export function classifyFailure(error: unknown): Failure {
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === "number" ? error.code : 0;
    const gone = GONE[code];
    if (gone !== undefined) return { ok: false, permanent: true, destinationGone: true, reason: gone };
    if (code === 50035) {
      return { ok: false, permanent: true, reason: `Discord rejected the message: Invalid Form Body${firstFormError(error)}` };
    }
    if (error.status === 401) return { ok: false, permanent: false, reason: "Discord refused the bot token (401); check DISCORD_TOKEN" };
    if (error.status >= 500) return { ok: false, permanent: false, reason: `Discord server error ${error.status}` };
    return { ok: false, permanent: true, reason: `Discord error ${code || error.status}: ${error.message.split("\n")[0] ?? ""}` };
  }
  if (error instanceof RateLimitError) {
    return { ok: false, permanent: false, reason: `rate limited for ${Math.ceil(error.timeToReset / 1000)} s`, retryAfterMs: error.timeToReset };
  }
  if (error instanceof HTTPError) return { ok: false, permanent: false, reason: `Discord HTTP ${error.status}` };
  const name = error instanceof Error ? error.name : "Error";
  const text = error instanceof Error ? error.message : String(error);
  return { ok: false, permanent: false, reason: name === "AbortError" ? "request to Discord timed out" : `network error: ${text.slice(0, 200)}` };
}
