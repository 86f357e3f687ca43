import { Pacer } from "../../delivery/pacing.js";
import { SLACK_PACING } from "./limits.js";
import type { webApi } from "@slack/bolt";
import type { PublishContext, Publisher, PublishResult } from "../../delivery/publisher.js";
import type { Logger } from "../../log.js";
import type { DigestMessage } from "../../messages/index.js";
import type { Destination } from "../../domain/destination.js";
import { classifyWebApiError, type Classified } from "./errors.js";
import { DEFAULT_RECONCILE, DIGEST_EVENT_TYPE, HEADER_PART, postedParts, postedThreadParts, type DigestMeta, type ReconcileOptions } from "./reconcile.js";
import { renderDigest, renderDigestHeader, type SlackMessage } from "./render.js";
import { DEFAULT_WEBHOOK_OPTIONS, postToWebhook, type WebhookOptions } from "./webhook.js";

export { DIGEST_EVENT_TYPE } from "./reconcile.js";

/** How many digests with some parts sent (and some not) are remembered between retries. */
const MAX_PARTIAL = 500;

type Sent = { ok: true; ref: string | null } | Classified;

export interface SlackPublisherOptions {
  webhook?: Partial<WebhookOptions>;
  reconcile?: Partial<ReconcileOptions>;
}

/**
 * Posts digests to Slack: channels with chat.postMessage, people through conversations.open, and
 * incoming webhooks with a plain POST, all rendered the same way. A digest split into several
 * messages that fails part-way reports failure; the parts already sent are remembered (in memory,
 * by idempotency key) so the worker's retry sends only the rest.
 *
 * After a crash (`context.resumed`) that memory is gone, so the parts already posted are read back
 * from the conversation's history by their metadata and skipped. What remains: without a history
 * scope (or, in a channel, without being a member) the digest is sent again, and a crash between
 * Slack accepting a part and the outbox recording it repeats that one message; incoming webhooks
 * cannot be read at all, so the same holds for them always.
 */
export class SlackPublisher implements Publisher {
  readonly platform = "slack";
  private readonly dmChannels = new Map<string, string>();
  private readonly partial = new Map<string, { sent: number; ref: string | null }>();
  /** Threaded digests whose header is posted: idempotency key → the header's ts. */
  private readonly threads = new Map<string, string>();
  private readonly webhook: WebhookOptions;
  private readonly reconcileOptions: ReconcileOptions;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
    options: SlackPublisherOptions = {},
    private readonly pacer: Pacer = new Pacer(SLACK_PACING),
  ) {
    this.webhook = { ...DEFAULT_WEBHOOK_OPTIONS, ...options.webhook };
    this.reconcileOptions = { ...DEFAULT_RECONCILE, ...options.reconcile };
  }

  async publish(destination: Destination, message: DigestMessage, idempotencyKey: string, context?: PublishContext): Promise<PublishResult> {
    if (destination.kind === "channel" && destination.thread) return this.publishInThread(destination, message, idempotencyKey, context);
    // An incoming webhook belongs to no app that could receive a click: no feedback buttons there.
    const parts = renderDigest(message, destination.kind !== "webhook");
    const progress = this.partial.get(idempotencyKey) ?? { sent: 0, ref: null };
    const posted = context?.resumed === true ? await this.alreadyPosted(destination, idempotencyKey, parts.length) : new Map<number, string>();
    for (let i = progress.sent; i < parts.length; i += 1) {
      const part = parts[i];
      if (part === undefined) break;
      const ref = posted.get(i);
      if (ref !== undefined) {
        progress.sent = i + 1;
        progress.ref ??= ref;
        continue;
      }
      const outcome = await this.pacer.send(destination.address, () => this.send(destination, part, { key: idempotencyKey, part: i, parts: parts.length }));
      if (!outcome.ok) {
        if (progress.sent > 0 && !outcome.permanent) this.remember(idempotencyKey, progress);
        else this.partial.delete(idempotencyKey);
        if (outcome.bug === true) this.log.error(`slack: Slack refused a rendered digest (a bug in the renderer): ${outcome.reason}`);
        const { bug: _bug, ...result } = outcome;
        return result;
      }
      progress.sent = i + 1;
      progress.ref ??= outcome.ref;
    }
    this.partial.delete(idempotencyKey);
    return { ok: true, ref: progress.ref };
  }

  /**
   * The parts of an interrupted digest that reached Slack before the crash (part → message ref),
   * read back from history. When history cannot be read, one warning, and everything is sent.
   */
  private async alreadyPosted(destination: Destination, key: string, parts: number): Promise<Map<number, string>> {
    if (destination.kind === "webhook") {
      this.log.warn("slack: a digest to an incoming webhook was interrupted by a restart; webhooks cannot be read back, so the message in flight at the crash may appear twice");
      return new Map();
    }
    const channel = destination.kind === "dm" ? await this.openDm(destination.address) : { ok: true as const, id: destination.address };
    if (!channel.ok) return new Map();
    const found = await postedParts(this.client, channel.id, key, parts, this.reconcileOptions);
    if (!found.ok) {
      this.log.warn(
        `slack: cannot read the history of ${channel.id} to reconcile a digest interrupted by a restart (${found.reason}); ` +
          "sending it again, so the message in flight at the crash may appear twice (grant channels:history, groups:history, im:history and mpim:history, and invite the bot to the channel)",
      );
      return new Map();
    }
    if (found.posted.size > 0) {
      this.log.info(`slack: ${found.posted.size} of ${parts} part(s) of an interrupted digest already in ${channel.id}; not sending them again`);
    }
    return new Map([...found.posted].map(([part, ts]) => [part, `${channel.id}/${ts}`]));
  }

  /**
   * A digest in a thread: the header message, then each part as a reply (`thread_ts`), every
   * message carrying its part in metadata (the header is part -1). Progress is remembered between
   * retries; after a crash the header is found in channel history and the parts among its replies.
   */
  private async publishInThread(destination: Destination, message: DigestMessage, key: string, context?: PublishContext): Promise<PublishResult> {
    const parts = renderDigest(message);
    let header = this.threads.get(key) ?? null;
    let posted = new Map<number, string>();
    if (header === null && context?.resumed === true) {
      const found = await postedThreadParts(this.client, destination.address, key, parts.length, this.reconcileOptions);
      if (found.ok) {
        header = found.header;
        posted = found.posted;
      } else {
        this.log.warn(`slack: cannot read the history of ${destination.address} to reconcile a threaded digest (${found.reason}); sending it again`);
      }
    }
    if (header === null) {
      const sent = await this.pacer.send(destination.address, () => this.send(destination, renderDigestHeader(message), { key, part: HEADER_PART, parts: parts.length }));
      if (!sent.ok) {
        const { bug: _bug, ...result } = sent;
        return result;
      }
      header = sent.ref?.split("/")[1] ?? null;
      if (header === null) return { ok: false, reason: "chat.postMessage returned no ts", permanent: false };
    }
    this.threads.set(key, header);
    const progress = this.partial.get(key) ?? { sent: 0, ref: `${destination.address}/${header}` };
    for (let i = progress.sent; i < parts.length; i += 1) {
      const part = parts[i];
      if (part === undefined) break;
      if (!posted.has(i)) {
        const sent = await this.pacer.send(destination.address, () => this.send(destination, part, { key, part: i, parts: parts.length }, header));
        if (!sent.ok) {
          this.remember(key, progress);
          const { bug: _bug, ...result } = sent;
          return result;
        }
      }
      progress.sent = i + 1;
    }
    this.partial.delete(key);
    this.threads.delete(key);
    return { ok: true, ref: progress.ref };
  }

  private remember(key: string, progress: { sent: number; ref: string | null }): void {
    this.partial.delete(key);
    this.partial.set(key, progress);
    const oldest = this.partial.keys().next();
    if (this.partial.size > MAX_PARTIAL && oldest.done !== true) this.partial.delete(oldest.value);
  }

  private async send(destination: Destination, message: SlackMessage, meta: DigestMeta, threadTs?: string): Promise<Sent> {
    if (destination.kind === "webhook") {
      const payload = { text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false };
      const result = await postToWebhook(destination.address, payload, this.webhook);
      return result.ok ? { ok: true, ref: null } : result;
    }
    const channel = destination.kind === "dm" ? await this.openDm(destination.address) : { ok: true as const, id: destination.address };
    if (!channel.ok) return channel.error;
    try {
      const response = await this.client.chat.postMessage({
        channel: channel.id,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
        metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { ...meta } },
      });
      return { ok: true, ref: response.ts === undefined ? null : `${response.channel ?? channel.id}/${response.ts}` };
    } catch (error) {
      const result = classifyWebApiError(error);
      if (destination.kind === "dm" && result.destinationGone === true) this.dmChannels.delete(destination.address);
      return result;
    }
  }

  /** The bot's DM channel with a person; opened once per process. */
  private async openDm(userId: string): Promise<{ ok: true; id: string } | { ok: false; error: Classified }> {
    const known = this.dmChannels.get(userId);
    if (known !== undefined) return { ok: true, id: known };
    try {
      const opened = await this.client.conversations.open({ users: userId });
      const id = opened.channel?.id;
      if (id === undefined) return { ok: false, error: { ok: false, reason: "conversations.open returned no channel", permanent: false } };
      this.dmChannels.set(userId, id);
      return { ok: true, id };
    } catch (error) {
      return { ok: false, error: classifyWebApiError(error) };
    }
  }
}
