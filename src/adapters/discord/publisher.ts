import { createHash } from "node:crypto";
import { DiscordAPIError, REST, Routes, makeURLSearchParams, type RESTOptions } from "discord.js";
import { Pacer } from "../../delivery/pacing.js";
import { DISCORD_PACING } from "./limits.js";
import type { Publisher, PublishResult } from "../../delivery/publisher.js";
import type { DigestMessage } from "../../messages/index.js";
import type { Destination } from "../../domain/destination.js";
import { classifyFailure } from "./errors.js";
import { renderDigest, renderDigestHeader, type DiscordMessage } from "./render.js";

/** Discord's answer when a thread was already started from that message (a resend after a crash). */
const THREAD_ALREADY_CREATED = 160004;
/** The header's nonce is the digest's part -1: its parts keep 0, 1, … as without a thread. */
const HEADER_PART = -1;

/** Discord's limit on a message nonce. */
const NONCE_LENGTH = 25;
/** Parts already posted (by nonce), so a retry of a half-sent digest does not repeat them. */
const REMEMBERED_PARTS = 2_000;

/** Per part of a digest: stable across retries of the same rows, different between parts. */
export function nonceFor(idempotencyKey: string, part: number): string {
  return createHash("sha256").update(`${idempotencyKey}:${part}`).digest("base64url").slice(0, NONCE_LENGTH);
}

/** `https://discord.com/api/webhooks/<id>/<token>` → the API base, id and token; null when it is not one. */
export function parseWebhookUrl(url: string): { api: string; id: string; token: string } | null {
  const match = /^(https?:\/\/[^/?#\s]+(?:\/[^?#\s]*?)?\/api)(?:\/v\d+)?\/webhooks\/(\d{5,25})\/([\w-]{10,200})\/?(?:\?[^#]*)?$/.exec(url);
  if (match === null) return null;
  return { api: match[1] ?? "", id: match[2] ?? "", token: match[3] ?? "" };
}

type Send = (part: DiscordMessage, nonce: string) => Promise<string>;

const idOf = (message: unknown): string => String((message as { id?: unknown }).id ?? "");

/**
 * Posts digests to Discord: channels and DMs through the bot's REST client (which waits out 429s),
 * webhooks by executing the URL with `?wait=true`. Every part carries `allowed_mentions: {parse: []}`;
 * channel posts also carry a nonce with `enforce_nonce`, so Discord drops a resend of the same part.
 */
export class DiscordPublisher implements Publisher {
  readonly platform = "discord";
  readonly #dmChannels = new Map<string, string>();
  readonly #sentParts = new Map<string, string>();
  readonly #webhookRests = new Map<string, REST>();

  /** `bot` is null when only webhook destinations are configured (no DISCORD_TOKEN). */
  constructor(
    private readonly bot: REST | null,
    private readonly restOptions: Partial<RESTOptions> = {},
    private readonly pacer: Pacer = new Pacer(DISCORD_PACING),
  ) {}

  async publish(destination: Destination, digest: DigestMessage, idempotencyKey: string): Promise<PublishResult> {
    if (destination.kind === "channel" && destination.thread && this.bot !== null) {
      return this.#publishInThread(this.bot, destination.address, digest, idempotencyKey);
    }
    const parts = renderDigest(digest, destination.kind !== "webhook");
    const refs: string[] = [];
    try {
      const send = await this.#sender(destination);
      if (typeof send !== "function") return send;
      for (const [index, part] of parts.entries()) {
        const nonce = nonceFor(idempotencyKey, index);
        let id = this.#sentParts.get(nonce);
        if (id === undefined) {
          id = await this.pacer.send(destination.address, () => send(part, nonce));
        }
        this.#remember(nonce, id);
        refs.push(id);
      }
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure.destinationGone === true && destination.kind === "dm") this.#dmChannels.delete(destination.address);
      return failure;
    }
    return { ok: true, ref: refs[0] ?? null };
  }

  /**
   * A digest in a thread: the header message (its own nonce), a thread started on it (whose id is
   * the header's; a second start after a crash is refused with 160004 and the thread reused), then
   * each part into the thread under its usual nonce. Every step is safe to repeat.
   */
  async #publishInThread(bot: REST, channelId: string, digest: DigestMessage, key: string): Promise<PublishResult> {
    try {
      const post = async (channel: string, part: DiscordMessage, nonce: string): Promise<string> => {
        let id = this.#sentParts.get(nonce);
        if (id === undefined) {
          id = idOf(await this.pacer.send(channelId, () => bot.post(Routes.channelMessages(channel), { body: { ...part, nonce, enforce_nonce: true } })));
        }
        this.#remember(nonce, id);
        return id;
      };
      const headerId = await post(channelId, renderDigestHeader(digest), nonceFor(key, HEADER_PART));
      try {
        await bot.post(Routes.threads(channelId, headerId), { body: { name: (digest.heading.trim() || "Papers").slice(0, 100), auto_archive_duration: 1440 } });
      } catch (error) {
        if (!(error instanceof DiscordAPIError && error.code === THREAD_ALREADY_CREATED)) throw error;
      }
      for (const [index, part] of renderDigest(digest).entries()) await post(headerId, part, nonceFor(key, index));
      return { ok: true, ref: headerId };
    } catch (error) {
      return classifyFailure(error);
    }
  }

  async #sender(destination: Destination): Promise<Send | Extract<PublishResult, { ok: false }>> {
    if (destination.kind === "webhook") return this.#webhookSender(destination.address);
    const bot = this.bot;
    if (bot === null) {
      return { ok: false, permanent: true, reason: "DISCORD_TOKEN is not set: only webhook destinations can be posted to" };
    }
    const channelId = destination.kind === "dm" ? await this.#dmChannel(bot, destination.address) : destination.address;
    return async (part, nonce) =>
      idOf(await bot.post(Routes.channelMessages(channelId), { body: { ...part, nonce, enforce_nonce: true } }));
  }

  /** Opens (once per user and process) the bot's DM channel with a person. */
  async #dmChannel(bot: REST, userId: string): Promise<string> {
    const known = this.#dmChannels.get(userId);
    if (known !== undefined) return known;
    const channelId = idOf(await bot.post(Routes.userChannels(), { body: { recipient_id: userId } }));
    this.#dmChannels.set(userId, channelId);
    return channelId;
  }

  #webhookSender(url: string): Send | Extract<PublishResult, { ok: false }> {
    const hook = parseWebhookUrl(url);
    if (hook === null) {
      return { ok: false, permanent: true, destinationGone: true, reason: "not a Discord webhook URL (…/api/webhooks/<id>/<token>)" };
    }
    let rest = this.#webhookRests.get(hook.api);
    if (rest === undefined) {
      rest = new REST({ ...this.restOptions, api: hook.api });
      this.#webhookRests.set(hook.api, rest);
    }
    const client = rest;
    return async (part) =>
      idOf(
        await client.post(Routes.webhook(hook.id, hook.token), {
          body: part,
          query: makeURLSearchParams({ wait: true }),
          auth: false,
        }),
      );
  }

  /** Stops the webhook clients' sweep timers. */
  close(): void {
    for (const rest of this.#webhookRests.values()) {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    }
    this.#webhookRests.clear();
  }

  #remember(nonce: string, id: string): void {
    this.#sentParts.delete(nonce);
    this.#sentParts.set(nonce, id);
    if (this.#sentParts.size > REMEMBERED_PARTS) {
      const oldest = this.#sentParts.keys().next().value;
      if (oldest !== undefined) this.#sentParts.delete(oldest);
    }
  }
}
